@gnutella
Feature: Gnutella flooding over TCP in containers, under a partition and its heal
  Gnutella 0.4 on real TCP connections (docs/gnutella.md): every node a container, its process holding Netty TCP
  streams on its own address. The partition is iptables DROP rules in every container's namespace, for TCP segments
  as well as datagrams: connections across it stall (TCP keeps retransmitting) and are not torn down, so after the
  heal they carry traffic again. A query flood is a broadcast: every node that receives a query delivers it once.

  Scenario Outline: A Gnutella network split in two halves floods on one side only, and everywhere after the heal (<runtime>)
    The halves of a random topology of degree 8 need not be connected inside, so only the crossing is asserted
    during the partition. After the heal TCP resumes the stalled connections at its next retransmission (its
    backoff after a partition of some seconds is a few seconds), hence the wait before the last floods.
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
    And 15 seconds pass
    And 4 messages are published from random nodes
    Then broadcast coverage is at least 99%

    @docker @slow
    Examples: in containers (TCP under iptables partitions; about 60 s, beyond the CI budget: ./testbed run --tags '@gnutella and @docker')
      | runtime |
      | docker  |
