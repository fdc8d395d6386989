Feature: Routing correctness
  A stable Kademlia network speaking the Mainline DHT protocol routes every lookup to the live node
  whose id is XOR-closest to the key, in about log2 N hops.

  Scenario: Every lookup in a stable 1000-node network finds the true closest node
    Given a network of 1000 nodes
    And the seed is 42
    When the network has converged
    And 1000 random lookups run
    Then every lookup finds the true closest node
    And recall of the k closest is at least 99%
    And mean hops stay within log2 of the network size

  @loopback
  Scenario: The same routing holds with 200 real UDP nodes on loopback
    Given a network of 200 nodes on the loopback runtime
    And the seed is 7
    When the network has converged
    And 200 random lookups run
    Then every lookup finds the true closest node
    And mean hops stay within log2 of the network size
