@ethereum @security
Feature: Marcus, Heilman and Goldberg's eclipse of an Ethereum node, without and with geth 1.8's countermeasures
  Marcus, Heilman and Goldberg, "Low-Resource Eclipse Attacks on Ethereum's Peer-to-Peer Network" (2018),
  on the simulated runtime with every packet in discovery v4's and devp2p's wire formats. The attacker has
  two IP addresses (the paper's two hosts) and many node ids (cheap secp256k1 keys), each at its own port:
  every id pings the victim once (over 2 minutes), and the victim bonds with it and stores it; 7 minutes
  later the victim restarts (its table is emptied, its node db kept and read for seeds), the attacker at
  once connects 25 of its ids to it and answers every findnode with its own ids, and a minute later we
  count the victim's devp2p peers (inbound and outbound). A victim is eclipsed when every peer is an
  attacker id (the paper's criterion). geth 1.7 ("none") lets inbound connections take all 25 slots and
  stores every bonded node as a seed; geth 1.8 ("all", the overlay's defaults) dials a third of its slots
  itself (dialRatio 3), limits the table to 2 nodes of one /24 per bucket and 10 in all, and stores as
  seeds only nodes that stayed 5 minutes in its table. Scaled down, and said so: 30 honest nodes that all
  stay online, 7 minutes of history; the attacker's ids are random keys, not ground for particular
  buckets. The two rows below use 30 ids: enough to take every slot of a geth 1.7 node, few enough
  that the lab's 30 honest nodes still hold most of the id space (with hundreds of ids against a
  30-node network, the attacker's ids are closer to any lookup target than the honest ones, which the
  main network's thousands of nodes would not allow; the curves below show it). We could read only the paper's abstract and introduction (docs/ethereum.md), so no figure of
  the paper's is quoted; ours are in docs/ethereum.md, and the CSV and one chart per measured value are in
  the report.

  Background:
    Given an ethereum network of 30 nodes
    And the seed is 1802

  Scenario: Two IP addresses eclipse a geth 1.7 node when it restarts
    Given the overlay parameter dialRatio is 0
    And the overlay parameter buckets is 257
    And the overlay parameter ipLimits is false
    And the overlay parameter seedAge is false
    When 7 minutes pass
    And node 12 is called "victim"
    And 30 attacker ids on 2 IP addresses run Marcus's eclipse on node "victim"
    Then node "victim"'s neighbour set holds more than 99% adversary contacts

  Scenario: The same attack on geth 1.8 leaves the victim honest peers
    When 7 minutes pass
    And node 12 is called "victim"
    And 30 attacker ids on 2 IP addresses run Marcus's eclipse on node "victim"
    Then node "victim"'s neighbour set holds at most 90% adversary contacts

  @slow
  Scenario: The eclipse rate against the number of attacker ids, for every countermeasure
    8 victims a point (11 min 26 s at a load average of 23 to 26; 2 min 19 s quiet). Measured (docs/ethereum.md,
    session 15): geth 1.7 falls to 30 ids or more every time, as Marcus et al. report of geth before 1.8 (two IP addresses monopolise
    every connection); with all of geth 1.8's countermeasures 1 victim of 8 at 100 ids and none at 30 or 300 (the
    paper: geth 1.8 hardened; it gives us no rate to compare). The countermeasures alone are our ablation, not the
    paper's: the dial ratio alone lets 3 of 8 victims be eclipsed at 100 and 300 ids; with the IP limits 2 and 1 of 8,
    with the seed age 2 and 4 of 8. These rates are not ordered reliably by 8 victims: session 13's fix of discovery
    v4's pings (two identical pings in flight: the first caller never heard back; now both hear the one pong, as in
    geth) moved the dial ratio's rate at 300 ids from 5 to 3 of 8 and the seed age's from 2 to 4 of 8 (other seeds:
    docs/ethereum.md). What the table defences do is bounded instead by the attacker's share of the restarted tables
    (dial ratio alone 82%, with the seed age 65%, with the IP limits 48%; 85%, 67% and 47% before the fix). In this
    30-node lab the attacker's ids outnumber the honest nodes from 100 ids on, so lookups converge on them, which a
    network of thousands would not allow (see the feature's description).
    When Marcus's eclipse runs against 8 victims with 10,30,100,300 attacker ids on 2 IP addresses under the countermeasures none,dial-ratio,dial-ratio+ip-limits,dial-ratio+seed-age,all
    Then under none with 30 attacker ids at least 100% of the victims were eclipsed
    And under dial-ratio with 30 attacker ids at most 0% of the victims were eclipsed
    And under all with 30 attacker ids at most 0% of the victims were eclipsed
    And under dial-ratio with 300 attacker ids at least 12% of the victims were eclipsed
    And under dial-ratio with 300 attacker ids the attacker held at least 90% of the victims' connections
    And under dial-ratio+seed-age with 300 attacker ids the attacker's ids were at most 75% of the victims' restarted tables
    And under dial-ratio+ip-limits with 300 attacker ids the attacker's ids were at most 60% of the victims' restarted tables
    And under all with 100 attacker ids at most 13% of the victims were eclipsed
    And under all with 300 attacker ids at most 0% of the victims were eclipsed
    And under none with 30 attacker ids the attacker held at least 100% of the victims' connections
    And under all with 300 attacker ids the attacker held at most 95% of the victims' connections
