Feature: The same routing and churn with every node a real process in its own container
  On the docker runtime every node is a JVM in its own container, with its own IP on an internal
  Docker network, and the harness reads routing tables, counters and lookup results through each
  node's control interface. The same scenarios run on the simulator and on loopback; the rows
  tagged @docker need a Docker engine (they are skipped without one, unless TESTBED_REQUIRE_DOCKER=1).

  Scenario Outline: Every lookup finds the true closest node in a stable 50-node network (<runtime>)
    Given a network of 50 nodes on the <runtime> runtime
    And the seed is 42
    When the network has converged
    And 200 random lookups run
    Then every lookup finds the true closest node
    And recall of the k closest is at least 99%
    And mean hops stay within log2 of the network size
    And the routing-table graph is one strongly connected component
    And no routing table points at a dead or misaddressed node

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    @docker
    Examples: in 50 containers
      | runtime |
      | docker  |

  Scenario Outline: After 20% of the nodes fail, lookups recover; restarted and new nodes are found (<runtime>)
    Given a network of 30 nodes on the <runtime> runtime
    And the seed is 5
    When the network has converged
    And 20% of the nodes fail at once
    And 300 random lookups run
    Then lookup success is at least 95%
    When the failed nodes restart
    And 3 new nodes join
    And 5 seconds pass
    And 100 random lookups run
    Then lookup success is at least 95%

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    @docker
    Examples: in containers (docker kill and docker start)
      | runtime |
      | docker  |
