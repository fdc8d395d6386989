@superpeer
Feature: A super-peer hybrid (Kazaa, Skype): super-peers by capacity, their clusters, and attacks on them
  The superpeer overlay on the stream transport (Yang and Garcia-Molina, ICDE 2003): every node draws a
  capacity from the seed and the top 10% become super-peers (and the first node). A joining node asks a seed
  for the super-peers it knows with their capacity and load; a super-peer links to 4 of them at random, a leaf
  attaches to the least loaded for its capacity and sends it its file list, which the super-peer indexes. A
  leaf's search goes to its parents; super-peers answer from their index and flood the query among
  super-peers only (TTL 4, duplicates dropped); hits come back along the query's path. A search is served
  when it names a live leaf sharing the file. Leaves refresh their list of super-peers from their parents
  every 30 s and attach to another super-peer when a parent is lost.

  Scenario: Searches among 300 nodes are served through the super-peers
    Measured with this seed: 96 of 100 served.
    Given a superpeer network of 300 nodes
    And the seed is 1441
    When 100 searches run from random leaves
    Then at least 93% of the searches found a live leaf sharing the file
    And between 5% and 16% of the nodes are super-peers

  Scenario: Super-peers that drop every query cut off their clusters
    A dropping super-peer neither answers nor forwards, so it also cuts the floods among super-peers and hides
    its own leaves' files. Measured with this seed: 82 of 100 served.
    Given a superpeer network of 300 nodes
    And 30% of the super-peers drop every query
    And the seed is 1442
    When 100 searches run from random leaves
    Then fewer than 85% of the searches found a live leaf sharing the file

  Scenario: Leaves attached to two super-peers are served more often when some super-peers drop every query
    Redundancy helps the querier, not the holder whose parents drop, nor the floods that dropping super-peers
    cut: measured with this seed 87 of 100 served, against 82 with one parent (the same seed, so the same
    malicious super-peers); a modest gain, stated as such.
    Given a superpeer network of 300 nodes
    And 30% of the super-peers drop every query
    And leaves attach to 2 super-peers
    And the seed is 1442
    When 100 searches run from random leaves
    Then at least 85% of the searches found a live leaf sharing the file

  @wip
  Scenario: Super-peers that poison every answer mislead their leaves
    Given a superpeer network of 100 nodes
    And 30% of the super-peers poison every query
    And the seed is 1443
    When 300 searches run from random leaves
    And 100 searches run from random leaves
    Then fewer than 85% of the searches found a live leaf sharing the file

  @wip
  Scenario: With reputation the leaves of poisoning super-peers move to honest ones
    A leaf checks every peer its parent returned by connecting to it; a parent whose answers fail the check
    twice is dropped for good and the leaf attaches to another super-peer.
    Given a superpeer network of 100 nodes
    And 30% of the super-peers poison every query
    And leaves keep a reputation of their super-peers
    And the seed is 1443
    When 300 searches run from random leaves
    And 100 searches run from random leaves
    Then at least 95% of the searches found a live leaf sharing the file

  @wip
  Scenario: Sybil super-peers claiming the highest capacity take over the clusters of failed super-peers
    Given a superpeer network of 300 nodes
    And the seed is 1444
    When 10 Sybil super-peers claiming the highest capacity join
    And 40 seconds pass
    And 50% of the super-peers fail at once
    And 10 seconds pass
    Then at least 30% of the leaves have only Sybils as parents
    When 100 searches run from random leaves
    Then fewer than 75% of the searches found a live leaf sharing the file

  @wip
  Scenario: Two parents and reputation keep the leaves out of the Sybils' hands
    Given a superpeer network of 300 nodes
    And leaves attach to 2 super-peers
    And leaves keep a reputation of their super-peers
    And the seed is 1444
    When 10 Sybil super-peers claiming the highest capacity join
    And 40 seconds pass
    And 50% of the super-peers fail at once
    And 10 seconds pass
    And 300 searches run from random leaves
    And 100 searches run from random leaves
    Then at least 95% of the searches found a live leaf sharing the file

  @loopback
  Scenario: Super-peers serve searches on real TCP connections
    Given a superpeer network of 40 nodes on the loopback runtime
    And the seed is 1445
    When the network has converged
    And 2 seconds pass
    And 50 searches run from random leaves
    Then at least 98% of the searches found a live leaf sharing the file
