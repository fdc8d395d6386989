Feature: Churn
  When a fifth of the network fails at once, lookups time out on dead contacts for a while, then the
  routing tables heal and lookups find the true closest live node again.

  Scenario: After 20% of nodes fail, lookups recover to 95% success within 10 virtual minutes
    Given a network of 1000 nodes
    And the seed is 5
    When the network has converged
    And 20% of the nodes fail at once
    Then lookups recover to at least 95% success within 10 minutes

  Scenario: Restarted and newly joined nodes are found again
    Given a network of 300 nodes
    And the seed is 6
    When the network has converged
    And 10% of the nodes fail at once
    And the failed nodes restart
    And 20 new nodes join
    And 2 minutes pass
    And 500 random lookups run
    Then lookup success is at least 99%
