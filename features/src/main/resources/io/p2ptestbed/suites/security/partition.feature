@security
Feature: Partitions
  Faults as Jepsen grudges, applied and healed by the adversary's nemesis. In a majorities ring every
  node keeps hearing only the nodes within the ring distance that gives it a majority: each node sees
  a majority, and no two see the same one. A lookup inside a partition succeeds when it finds the
  closest node among those its origin can still exchange datagrams with (its side; for a majorities
  ring, its own majority). The network first runs for one bucket-refresh period (15 minutes, as BEP 5):
  right after joining, the later joiners' tables are sparse and hold mostly earlier joiners, and a split
  then leaves some of them with no way towards their own side (measured: 70% success in one half). After
  the heal, the same refresh reconnects the routing tables.

  Scenario: Lookups succeed inside a majorities ring, and the graph is whole again after the heal
    Given a network of 500 nodes
    And the seed is 29
    When the network has converged
    And 16 minutes pass
    And a majorities-ring partition is applied
    And 300 lookups run inside each side of the partition
    Then at least 95% of those lookups find the closest honest node
    When 5 minutes pass
    And 300 lookups run inside each side of the partition
    Then at least 95% of those lookups find the closest honest node
    When the partition heals
    And 16 minutes pass
    Then the routing-table graph is one strongly connected component
    When 300 lookups for random keys run from honest nodes
    Then at least 99% of those lookups find the closest honest node

  Scenario: Lookups succeed inside each half of a split network, and the graph is whole after the heal
    Given a network of 500 nodes
    And the seed is 29
    When the network has converged
    And 16 minutes pass
    And the honest nodes are split into two random halves
    And 300 lookups run inside each side of the partition
    Then at least 95% of those lookups find the closest honest node
    When the partition heals
    And 16 minutes pass
    Then the routing-table graph is one strongly connected component

  @loopback
  Scenario: Lookups succeed inside a majorities ring on real UDP sockets, and the graph is whole after the heal
    The fault plane wraps every node socket and drops the partitioned datagrams. On real sockets a lookup
    can also fail to a timeout when the machine is loaded, so each floor is a one-sided binomial test on
    300 lookups at 99.9% confidence: it fails only when fewer succeed than a true success rate of 98%
    (inside the sides) or 99% (after the heal) gives in 999 runs of 1000, i.e. below 285 or 290 of 300.
    Measured: 299 or 300 of 300 inside the sides, 300 of 300 after the heal; without the majorities ring
    one half reached 70%, far below either bound.
    Given a network of 100 nodes on the loopback runtime
    And the seed is 29
    When the network has converged
    And a majorities-ring partition is applied
    And 300 lookups run inside each side of the partition
    Then at least 98% of those lookups find the closest honest node, within sampling error at 99.9% confidence
    When the partition heals
    And 300 lookups for random keys run from honest nodes
    Then the routing-table graph is one strongly connected component
    And at least 99% of those lookups find the closest honest node, within sampling error at 99.9% confidence

  Scenario Outline: A network split in two halves heals (<runtime>)
    The halves are random. Pings check the split directly: none of 16 across it is answered, all within a
    side are, and after the heal all 16 across are again. Inside the halves every lookup waits out the
    query timeouts of contacts on the other side, so 100 lookups run there (300 after the heal). Each
    floor is a one-sided binomial test at 99.9% confidence: a true success rate of 95% reaches 87 of 100
    (272 of 300) in 999 runs of 1000, so a run fails only below that. Measured on docker in 10 runs: 100 of 100 inside the
    halves and 300 of 300 after the heal, every time.
    Given a network of 30 nodes on the <runtime> runtime
    And the seed is 17
    When the network has converged
    And the honest nodes are split into two random halves
    Then no ping crosses the partition
    And pings within each side still get answers
    When 100 lookups run inside each side of the partition
    Then at least 95% of those lookups find the closest honest node, within sampling error at 99.9% confidence
    When the partition heals
    Then pings cross the healed partition again
    When 300 random lookups run
    Then lookup success is at least 95%, within sampling error at 99.9% confidence

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    @docker
    Examples: in containers (iptables rules in each container's network namespace)
      | runtime |
      | docker  |

  Scenario Outline: Lookups succeed inside a majorities ring, and the graph is whole after the heal (<runtime>)
    The loopback scenario above, in containers: every node keeps hearing only its own majority through
    iptables DROP rules in its network namespace. Each floor is a one-sided binomial test at 99.9%
    confidence: it fails only below 87 of 100 inside the sides (272 of 300 after the heal), the count a
    true success rate of 95% reaches in 999 runs of 1000. Measured on docker in 10 runs:
    100 of 100 inside the sides and 300 of 300 after the heal, every time.
    Given a network of 20 nodes on the <runtime> runtime
    And the seed is 29
    When the network has converged
    And a majorities-ring partition is applied
    Then no ping crosses the partition
    When 100 lookups run inside each side of the partition
    Then at least 95% of those lookups find the closest honest node, within sampling error at 99.9% confidence
    When the partition heals
    And 300 lookups for random keys run from honest nodes
    Then the routing-table graph is one strongly connected component
    And at least 95% of those lookups find the closest honest node, within sampling error at 99.9% confidence

    # @slow in CI since 2026-12-06 (30 s): the halves row above and the Chord and Pastry docker rows keep partitions in CI
    @docker @slow
    Examples: in containers
      | runtime |
      | docker  |
