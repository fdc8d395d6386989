@security
Feature: Index poisoning and censorship of one key
  16 Sybils ground next to a torrent's info-hash (sharing log2 N + 6 leading bits with it, closer than
  any honest node) join the network the way nodes do, so that the honest nodes around the key learn
  them. Then five honest peers announce the torrent and other nodes look it up. Censors answer get_peers
  for the key with fellow censors only and acknowledge and forget announces; poisoners answer get_peers
  for the key with bogus peers (their own IPs, port 1) and are otherwise honest.

  Scenario: Censors next to a key hide its honest peers from a plain network
    Given a network of 500 nodes
    And the seed is 23
    When the network has converged
    And 16 Sybils placed next to "debian-12.iso" censor it
    And 5 random nodes announce "debian-12.iso"
    And 200 get_peers lookups for "debian-12.iso" run from random nodes
    Then fewer than 10% of those get_peers lookups find an honest peer
    And at least 90% of those get_peers lookups return bogus peers or none

  Scenario: Poisoners next to a key feed a plain network bogus peers
    Given a network of 500 nodes
    And the seed is 23
    When the network has converged
    And 16 Sybils placed next to "debian-12.iso" poison it with bogus peers
    And 5 random nodes announce "debian-12.iso"
    And 200 get_peers lookups for "debian-12.iso" run from random nodes
    Then fewer than 10% of those get_peers lookups find an honest peer
    And at least 90% of those get_peers lookups return bogus peers or none

  Scenario: S/Kademlia still finds the honest peers despite the censors
    With S/Kademlia (crypto-puzzle ids with c1 = 8, c2 = 4, verified for every routing-table entry and
    lookup contact; 3 disjoint lookup paths; a sibling list of 16) the censors' ids must solve the puzzle.
    These did not pay for it: an id within 15 bits of the key costs about 2^(8+15+1) = 16.8 million
    hashes, 268 million for the 16 (see the Sybil-cost feature). Honest nodes reject them, so the announces
    and the lookups reach the honest nodes next to the key.
    Given a network of 500 nodes
    And the seed is 23
    And the defences "s-kademlia" are on
    When the network has converged
    And 16 Sybils placed next to "debian-12.iso" censor it
    And 5 random nodes announce "debian-12.iso"
    And 200 get_peers lookups for "debian-12.iso" run from random nodes
    Then at least 95% of those get_peers lookups find an honest peer
    And the honest nodes counted at least 1 "defence.puzzle.rejected" in total

  Scenario: S/Kademlia still finds the honest peers despite the poisoners
    Given a network of 500 nodes
    And the seed is 23
    And the defences "s-kademlia" are on
    When the network has converged
    And 16 Sybils placed next to "debian-12.iso" poison it with bogus peers
    And 5 random nodes announce "debian-12.iso"
    And 200 get_peers lookups for "debian-12.iso" run from random nodes
    Then at least 95% of those get_peers lookups find an honest peer
