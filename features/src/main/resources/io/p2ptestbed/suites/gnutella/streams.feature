@gnutella
Feature: Gnutella flooding over TCP, in containers and on loopback, under a partition and its heal
  Gnutella 0.4 on real TCP connections (docs/gnutella.md), each node holding Netty TCP streams on its own address.
  In containers (every node a container) the partition is iptables DROP rules in every container's namespace, for
  TCP segments as well as datagrams: connections across it stall (TCP keeps retransmitting) and are not torn down,
  so after the heal they carry traffic again. On loopback (every node in one JVM on its own 127.x address) no
  iptables is at hand: the fault plane judges every frame and connect of a node's stream transport at the sender,
  as a TCP segment (docs/steps.md, faults): a dropped one is sent again after a retransmission timeout that doubles from
  200 ms to at most 3 s, the frames behind it wait, so a connection across the partition stalls and resumes at its
  next retransmission after the heal. A query flood is a broadcast: every node that receives a query delivers it once.

  Scenario Outline: A Gnutella network split in two halves floods on one side only, and everywhere after the heal (<runtime>)
    The halves of a random topology of degree 8 need not be connected inside, so only the crossing is asserted
    during the partition. After the heal TCP resumes the stalled connections at its next retransmission (its
    backoff after a partition of some seconds is a few seconds; at most 3 s on loopback), hence the wait before
    the last floods.
    Given a gnutella network of 20 nodes on the <runtime> runtime
    And the seed is 1401
    And a broadcast counts as settled after 500 ms without deliveries or broadcast traffic
    When the network has converged
    And 3 seconds pass
    And 4 messages are published from random nodes
    Then broadcast coverage is at least 99%
    When the honest nodes are split into two random halves
    And 4 messages are published from random nodes
    Then no message crossed the partition
    When the partition heals
    And <wait> seconds pass
    And 4 messages are published from random nodes
    Then broadcast coverage is at least 99%

    @docker @slow
    Examples: in containers (TCP under iptables partitions; about 60 s, beyond the CI budget: ./testbed run --tags '@gnutella and @docker')
      | runtime | wait |
      | docker  | 15   |

    @loopback
    Examples: on loopback (one JVM, real TCP on 127.x addresses; stream frames under the fault plane)
      | runtime  | wait |
      | loopback | 5    |
