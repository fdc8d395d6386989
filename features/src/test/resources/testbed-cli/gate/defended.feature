Feature: Eclipse on one node (defence on)
  Test fixture for the baseline gate: the same scenario name as gate/undefended.feature, so the
  two runs compare against the same baseline entry.

  Scenario: Eclipse of node 5 in a 150-node network
    Given a network of 150 nodes
    And the seed is 11
    And the eviction-rules defence is on
    When the network has converged
    And an eclipse attack with 120 Sybils runs against node 5 for 9 minutes
    Then metric "victim_attacker_share" is no worse than the baseline
    And lookup success is no worse than the baseline by more than 1 point
