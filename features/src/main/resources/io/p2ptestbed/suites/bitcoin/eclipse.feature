@bitcoin @security
Feature: Heilman et al.'s eclipse of a Bitcoin node, without and with Bitcoin Core's countermeasures
  Heilman, Kendler, Zohar and Goldberg, "Eclipse attacks on Bitcoin's peer-to-peer network" (USENIX
  Security 2015), section 3, copied on the simulated runtime with every message in Bitcoin's wire format:
  the attacker controls t addresses (a botnet: spread over all 250 /16 groups of the lab's 127.0.0.0/8,
  whose second octet is the group); every attacker address connects to the victim in 4 rounds 10 minutes
  apart, naming its own address in its version message (which bitcoind 0.9.3 puts straight into "tried")
  and sending 16 trash addresses (where nothing listens; the paper's unallocated addresses) into "new";
  20 minutes later the victim restarts (it keeps its tables, as bitcoind keeps peers.dat), the attacker
  holds its 117 inbound slots, and once the victim has filled its outbound slots (at most 10 minutes) we
  count its outbound connections to attacker addresses. A victim is eclipsed when the attacker holds all
  of them (the paper's success criterion). The countermeasure sets are in docs/bitcoin.md: "none" is
  bitcoind 0.9.3; each other switches one of Core's countermeasures on over it; "all" is Core today.
  Scaled down, and said so: 150 honest nodes that all stay online and 30 minutes of history, so a
  victim's tried table holds about 20 honest entries, where the paper's peers.dat held thousands, 72-95%
  of them stale; the attack lasts 40 minutes, not hours. The paper's figure: a botnet of 4,600 addresses,
  or 32 /16 groups of an infrastructure attacker, eclipses a bitcoind 0.9.3 victim with over 85%
  probability (the attacker's worst case). Our measured curves are in docs/bitcoin.md, and the CSV and
  one chart per measured value are in the report. Since 0.9.3's draw within a bucket is uniform (session 15)
  the attacker eclipsed 8 of 8 victims under none at 1,600 and 3,200 addresses (session 16); the bounds
  below (75% eclipsed, 95% of the outbound connections) leave two victims' room.

  Background:
    Given a bitcoin network of 150 nodes
    And the seed is 1411

  Scenario: 1,600 attacker addresses take most of a bitcoind 0.9.3 victim's outbound connections
    Given the overlay parameter newBuckets is 256
    And the overlay parameter triedBuckets is 64
    And the overlay parameter deterministicBuckets is false
    And the overlay parameter timestampBias is true
    And the overlay parameter testBeforeEvict is false
    And the overlay parameter feelers is false
    And the overlay parameter anchors is false
    And the overlay parameter inboundToTried is true
    When 30 minutes pass
    And node 40 is called "victim"
    And 1600 attacker addresses run Heilman's eclipse on node "victim"
    Then node "victim"'s neighbour set holds more than 50% adversary contacts

  Scenario: The same attack on today's Bitcoin Core gets none of the victim's outbound connections
    When 30 minutes pass
    And node 40 is called "victim"
    And 1600 attacker addresses run Heilman's eclipse on node "victim"
    Then node "victim"'s neighbour set holds at most 0% adversary contacts

  @slow
  Scenario: The eclipse rate against the number of attacker addresses, for every countermeasure
    When Heilman's eclipse runs against 8 victims with 100,400,1600,3200 attacker addresses under the countermeasures none,deterministic-buckets,test-before-evict,feelers,anchors,outbound-10,no-inbound-to-tried,all
    Then under none with 3200 attacker addresses at least 75% of the victims were eclipsed
    And under none with 3200 attacker addresses the attacker held at least 95% of the victims' outbound connections
    And under anchors with 3200 attacker addresses at most 0% of the victims were eclipsed
    And under no-inbound-to-tried with 3200 attacker addresses the attacker held at most 0% of the victims' outbound connections
    And under all with 3200 attacker addresses the attacker held at most 0% of the victims' outbound connections
