@chord @security
Feature: Attacks on Chord and its defences, each asserted off and on
  Attackers run the real Chord protocol on the same network as the honest nodes, at lab attacker
  addresses, and lie through the adversary's transport. The success criterion of a lookup is the
  S/Kademlia one the testbed uses everywhere: it must end at the key's true successor among the honest
  live nodes.

  Background:
    Given a chord network of 200 nodes
    And the seed is 41

  Scenario: Sybils ground next to a victim take over its successor list and fingers
    Ids chosen just after the victim and at the starts of its widest finger intervals: each Sybil in turn
    becomes the closest node after the victim, and its widest fingers point at Sybils.
    When the network has converged
    And the ring has stabilised
    And node 17 is called "victim"
    And 16 Sybils that stay honest are ground into the successor list and finger intervals of node "victim"
    And 2 minutes pass
    Then node "victim"'s first successor is an attacker
    And node "victim"'s neighbour set holds more than 30% adversary contacts

  Scenario: With ids bound to addresses (id = SHA-1 of IP and port) the ground Sybils are refused
    The same Sybils, but every honest node refuses a contact whose id is not the SHA-1 of its address.
    Ground ids fail that check; an attacker would have to grind addresses instead, about 2^160 / width
    tries per placed Sybil (see the adversary's ChordSybils.grindAddress).
    Given the defences "bindIds" are on
    When the network has converged
    And the ring has stabilised
    And node 17 is called "victim"
    And 16 Sybils that stay honest are ground into the successor list and finger intervals of node "victim"
    And 2 minutes pass
    Then node "victim"'s first successor is honest
    And node "victim"'s neighbour set holds at most 0% adversary contacts
    And the ring is whole

  Scenario: Colluders that claim every key misroute plain lookups
    Each colluder answers every lookup step it serves with "done: the successor is" the colluder
    closest after the key, so a lookup that meets one ends at a node that does not own the key. The
    colluders are 20% of all nodes (50 next to 200 honest). A plain lookup asks about 13 nodes on its
    way, so almost every lookup meets one: 4% succeeded in our runs of seed 41.
    When the network has converged
    And the ring has stabilised
    And 20% of the nodes are Chord colluders that claim every key
    And 1 minutes pass
    And 500 random lookups run
    Then lookup success is below 20%

  Scenario: Lookups cross-checked over several first hops outvote key-claiming colluders
    With crossCheck = 4 a lookup starts at four different first hops and keeps the owner closest after
    the key among the answers, confirmed by its predecessor: one clean path outvotes the colluders. It
    cannot do better than the share of keys whose successor among all nodes is honest (80% here: a key
    whose successor is a colluder has no honest owner to find), and a path is clean with probability
    about 0.8^h for h hops, as in Castro et al.'s redundant-routing analysis: with h near 5 and four
    paths about 0.8 x (1 - (1 - 0.8^5)^4) = 64%. We measured 63.4% (against 4% without the defence).
    Given the defences "crossCheck=4" are on
    When the network has converged
    And the ring has stabilised
    And 20% of the nodes are Chord colluders that claim every key
    And 1 minutes pass
    And 500 random lookups run
    Then lookup success is at least 50%

  Scenario: IP-diversity limits through the neutral guards keep the ground Sybils out of the victim's neighbours
    All 16 Sybils live in one /24 of the attacker's lab network; the victim admits at most 2 neighbours
    per /24, against 15 of 16 neighbours without the limit.
    Given the defences "ip-diversity(table=2)" are on
    When the network has converged
    And the ring has stabilised
    And node 17 is called "victim"
    And 16 Sybils that stay honest are ground into the successor list and finger intervals of node "victim"
    And 2 minutes pass
    Then node "victim"'s neighbour set holds at most 2 adversary contacts
