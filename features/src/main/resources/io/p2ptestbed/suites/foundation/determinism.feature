Feature: Determinism
  In the simulated runtime one seed derives the whole world: ids, latencies, losses and workloads.
  The same seed gives the same outcome, down to every routing-table entry.

  Scenario: Two runs with the same seed are identical and a different seed differs
    Given a network of 300 nodes
    And links have 10 to 120 ms latency and 1% loss
    When the scenario runs with seed 1234 and 300 lookups
    And the scenario runs with seed 1234 and 300 lookups
    And the scenario runs with seed 4321 and 300 lookups
    Then runs 1 and 2 have identical outcomes
    And runs 1 and 3 have different outcomes
