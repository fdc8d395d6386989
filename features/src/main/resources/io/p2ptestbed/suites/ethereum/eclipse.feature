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
  Scenario: The eclipse rate against the number of attacker ids, for every countermeasure, pooled over 4 seeds
    Each point pooled over 4 seeds (a fresh network of 30 honest nodes and 8 victims per seed: 32 victims a point);
    the bounds on eclipse rates are one-sided binomial tests at 95% confidence over the 32 victims (victims of one
    network share its attacker, so they are not quite independent trials; "at most 10%" fails only when so many
    victims were eclipsed that a true rate of 10% would give that many in under 5% of runs). First full run after
    session 16's fix of the dial scheduler: session 20 (2026-12-07/08, 23:54-00:44 UTC, 472 s of CPU at nice 19
    beside four helpers' Docker jobs, load average 7 to 185), and it passed, so it is no longer @wip (one run
    suffices: it is simulated and the same seeds give the same result). Eclipsed victims of 32 at 10/30/100/300 ids:
    none 0/32/32/32; dial-ratio 0/0/1/6; dial-ratio+ip-limits 0/0/0/2; dial-ratio+seed-age 0/0/0/2; all 0/0/0/3
    (95% interval at 300 ids 2% to 25%). The attacker's share of the victims' connections at 300 ids: none 100%,
    dial-ratio 94.6%, +ip-limits 91.9%, +seed-age 93.1%, all 91.6%; of the restarted tables: 85.0%, 81.2%, 44.9%, 64.7%,
    41.4%. Marcus et al. report geth before 1.8 eclipsed by two IP addresses and geth 1.8 hardened, with no rate we
    could read to compare (docs/ethereum.md); the CSV and charts are in docs/results/ethereum-marcus-*.
    When Marcus's eclipse runs against 8 victims on each of the seeds 1802,1803,1804,1805 with 10,30,100,300 attacker ids on 2 IP addresses under the countermeasures none,dial-ratio,dial-ratio+ip-limits,dial-ratio+seed-age,all
    Then under none with 30 attacker ids at least 90% of the victims were eclipsed, at 95% confidence
    And under none with 30 attacker ids the attacker held at least 99% of the victims' connections
    And under dial-ratio with 30 attacker ids at most 10% of the victims were eclipsed, at 95% confidence
    And under all with 30 attacker ids at most 10% of the victims were eclipsed, at 95% confidence
    And under all with 100 attacker ids at most 10% of the victims were eclipsed, at 95% confidence
    And under all with 300 attacker ids at most 10% of the victims were eclipsed, at 95% confidence
    And under dial-ratio with 300 attacker ids the attacker held at least 85% of the victims' connections
    And under dial-ratio+seed-age with 300 attacker ids the attacker's ids were at most 75% of the victims' restarted tables
    And under dial-ratio+ip-limits with 300 attacker ids the attacker's ids were at most 60% of the victims' restarted tables
    And under all with 300 attacker ids the attacker held at most 95% of the victims' connections
