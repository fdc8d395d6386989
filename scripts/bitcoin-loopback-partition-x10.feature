@gossip @bitcoin
Feature: The Bitcoin loopback partition row, 10 runs in a row (a copy of suites/bitcoin/gossip.feature's row)

  @loopback @slow
  Scenario Outline: A partitioned Bitcoin network on real TCP sockets relays on one side only, and everywhere once healed (run <run>)
    Given a bitcoin network of 24 nodes on the loopback runtime
    And the overlay parameter trickleMillis is 500
    And the seed is 1404
    And a broadcast counts as settled after 2000 ms without deliveries or broadcast traffic
    When 10 seconds pass
    And the honest nodes are split into two random halves
    And 3 messages are published from random nodes
    Then no message crossed the partition
    When the partition heals
    And 5 seconds pass
    And 3 messages are published from random nodes
    Then every live node delivered every message

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
