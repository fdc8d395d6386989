Feature: Faults with a heal, in containers as elsewhere
  This kernel has no netem. On docker, partitions and loss are iptables rules in each container's
  network namespace, and latency, duplication and reordering live in the nodes' transport layer,
  switched through the control interface. Every fault has a heal, and the heal is checked: traffic
  flows again. Partitions (halves, majorities ring) are in security/partition.feature with the same
  sentences on every runtime; pausing a container is the one container-only fault.

  Scenario Outline: Extra latency slows every exchange until it heals (<runtime>)
    Given a network of 10 nodes on the <runtime> runtime
    When the network has converged
    And every link gets 300 ms of extra latency
    Then a ping from node 1 to node 2 takes at least 300 ms
    When the extra latency heals
    Then a ping from node 1 to node 2 is answered within 250 ms

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    @docker
    Examples: in containers
      | runtime |
      | docker  |

  @docker
  Scenario: A paused container answers nothing until it is unpaused
    Given a network of 10 nodes on the docker runtime
    When the network has converged
    And the container of node 4 is paused
    Then a ping from node 1 to node 4 gets no answer
    When the container of node 4 is unpaused
    Then a ping from node 1 to node 4 is answered within 1000 ms
