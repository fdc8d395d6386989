@chord
Feature: Chord routes every key to its live successor, on every runtime
  Chord (Stoica et al., SIGCOMM 2001; ToN 2003) puts 160-bit SHA-1 ids on a ring; a key belongs to its
  successor, the first live node clockwise from it. These scenarios use only the neutral vocabulary: the
  same sentences run Kademlia. Lookups are iterative: the querier asks each hop for its closest preceding
  finger and ends at the key's successor.

  Scenario Outline: Every lookup reaches the live successor of its key (<runtime>)
    Given a chord network of 200 nodes on the <runtime> runtime
    And the seed is 11
    When the network has converged
    And the ring has stabilised
    And 500 random lookups run
    Then every lookup reaches the live node responsible for its key
    And the ring is whole
    And the routing-table graph is one strongly connected component

    Examples: in one JVM
      | runtime   |
      | simulated |

    @loopback
    Examples: on real UDP sockets
      | runtime  |
      | loopback |

  Scenario: A network split in two halves heals into one whole ring
    Given a chord network of 300 nodes
    And the seed is 12
    When the network has converged
    And the ring has stabilised
    And the honest nodes are split into two random halves
    And 2 minutes pass
    And the partition heals
    And the ring has stabilised
    And 300 random lookups run
    Then every lookup reaches the live node responsible for its key
    And the ring is whole

  Scenario Outline: The same ring on every runtime: lookups, a split and its heal, a fifth failing (<runtime>)
    One text for the three runtimes. On docker every node is its own JVM in its own container on an
    internal network; the split is iptables DROP rules in each container's network namespace, and the
    failures kill the containers' node processes.
    Given a chord network of 30 nodes on the <runtime> runtime
    And the seed is 13
    When the network has converged
    And the ring has stabilised
    And 300 random lookups run
    Then every lookup reaches the live node responsible for its key
    And the ring is whole
    When the honest nodes are split into two random halves
    Then no ping crosses the partition
    And pings within each side still get answers
    When the partition heals
    Then pings cross the healed partition again
    When the ring has stabilised
    And 20% of the nodes fail at once
    And the ring has stabilised
    And 300 random lookups run
    Then every lookup reaches the live node responsible for its key
    And the ring is whole

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    @docker
    Examples: in containers
      | runtime |
      | docker  |
