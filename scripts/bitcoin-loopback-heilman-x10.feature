@security @bitcoin
Feature: Heilman's eclipse on loopback, 10 runs in a row of each row (a copy of suites/bitcoin/eclipse-loopback.feature)

  @loopback @slow
  Scenario Outline: On real sockets, 2,000 attacker addresses fill a bitcoind 0.9.3 victim's tried table and take over a quarter of its outbound connections (run <run>)
    Given a bitcoin network of 20 nodes on the loopback runtime
    And the seed is 1411
    And the overlay parameter newBuckets is 256
    And the overlay parameter triedBuckets is 64
    And the overlay parameter deterministicBuckets is false
    And the overlay parameter timestampBias is true
    And the overlay parameter testBeforeEvict is false
    And the overlay parameter feelers is false
    And the overlay parameter anchors is false
    And the overlay parameter inboundToTried is true
    When 15 seconds pass
    And node 5 is called "victim"
    And 2000 attacker addresses run Heilman's eclipse on node "victim"
    Then node "victim"'s neighbour set holds more than 25% adversary contacts

    Examples:
      | run |
      | 1   |
      | 2   |
      | 3   |
      | 4   |
      | 5   |
      | 6   |
      | 7   |
      | 8   |
      | 9   |
      | 10  |

  @loopback @slow
  Scenario Outline: On real sockets, the same attack on today's Bitcoin Core gets none of the victim's outbound connections (run <run>)
    Given a bitcoin network of 20 nodes on the loopback runtime
    And the seed is 1411
    When 15 seconds pass
    And node 5 is called "victim"
    And 2000 attacker addresses run Heilman's eclipse on node "victim"
    Then node "victim"'s neighbour set holds at most 0% adversary contacts

    Examples:
      | run |
      | 1   |
      | 2   |
      | 3   |
      | 4   |
      | 5   |
      | 6   |
      | 7   |
      | 8   |
      | 9   |
      | 10  |
