Feature: Small suite for the CLI tests
  One scenario passes, one fails on purpose. (A step no glue defines is refused before the run: CliArgumentsTest.)

  Scenario: Lookups in a small network succeed
    Given a network of 60 nodes
    And the seed is 3
    When the network has converged
    And 100 random lookups run
    Then lookup success is at least 99%

  Scenario: A deliberately failing expectation
    Given a network of 60 nodes
    And the seed is 4
    When the network has converged
    And 50 random lookups run
    Then lookup success is below 1%

