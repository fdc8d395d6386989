@gnutella
Feature: Attacks on Gnutella flooding and its defences, asserted both ways
  The attackers are servents running the real Gnutella code with an attack switched on, joined to the same
  network from the attacker range (127.201.0.0 and up): servents that answer every query, relays that
  forward every descriptor with a forged TTL, Sybils with many connections, and a servent that floods
  queries at a bounded rate (rate, count and duration). Honest servents' defences: a cap on TTL + hops, a
  per-connection limit on descriptors per second (token bucket, excess dropped), duplicate suppression,
  and k random walkers instead of flooding.

  Scenario: A query flood without limits reaches every servent and costs the network a full flood per query
    Given a gnutella network of 300 nodes with degree 6
    And the seed is 1411
    When 10 seconds pass
    And a servent floods 50 queries per second with TTL 7 for 4 seconds
    Then each flood query reached at least 95% of the nodes on average
    And the honest servents sent at least 500 query copies per flood query

  Scenario: Per-connection rate limits cut a query flood's reach and cost, and honest floods still reach everyone
    At 10 descriptors a second per connection the flood of 50 queries a second reached 105.3 of 300 servents per
    query (35.1%) at 473.5 honest copies per query (seeds 1412 and 1413: 38.6% and 38.1%, 539 and 525 copies);
    without the limit (the scenario above) every servent at 1,490 copies. Until 2026-12-06 this row ran with seed
    1411 and asserted at most 30% and 200 copies: with that seed the flooder's queries reached nobody, so it tested
    nothing. The cause: a joining servent's host cache fills with the old hosts every cache hands out, which are
    full; a full host accepts the handshake, answers the ping with its cached pongs and then closes (cache-only), so
    the flooder counted connections that never carried a query. With seeds 1411, 1414 and 1417 it shook hands with
    70-73 hosts in 120 s and every one was full. The flooder now waits until an honest servent routes floods on one
    of its connections (ground truth) and the step fails, saying so, when none does. The lower bound on reach keeps a
    flood that goes nowhere from passing.
    Given a gnutella network of 300 nodes with degree 6
    And the servents accept at most 10 descriptors per second on each connection
    And the seed is 1416
    When 10 seconds pass
    And a servent floods 50 queries per second with TTL 7 for 4 seconds
    Then each flood query reached at most 45% of the nodes on average
    And each flood query reached at least 10% of the nodes on average
    And the honest servents sent at most 750 query copies per flood query
    And the honest nodes counted at least 100 "defence.rate_limit.per_connection" in total
    When 10 seconds pass
    And 10 queries for random files run from random nodes
    Then queries reached at least 99% of the nodes on average

  Scenario: Without attackers a query for a file nobody shares gets no hit
    Given a gnutella network of 300 nodes with degree 6
    And the seed is 1412
    When 10 seconds pass
    And 10 queries for "no-such-file" run from random nodes
    Then no query got a hit

  Scenario: Servents that answer every query turn the same queries into a storm of hits
    Given a gnutella network of 300 nodes with degree 6
    And the seed is 1412
    When 10 seconds pass
    And 20 servents that answer every query join
    And 10 seconds pass
    And 10 queries for "no-such-file" run from random nodes
    Then queries got at least 18 hits each on average
    And the largest burst of query hits at a querier was at least 5 within 100 ms

  Scenario: A relay that forges TTL 255 carries queries past the querier's TTL
    Given a gnutella network of 300 nodes with degree 6
    And the servents do not cap TTL
    And queries go out with TTL 3
    And the seed is 1413
    When 10 seconds pass
    And 5 relays that forge a TTL of 255 join
    And 10 seconds pass
    And 20 queries for "nothing" run from random nodes
    Then some delivery took more than 3 hops

  Scenario: A cap on TTL plus hops keeps forged queries within the querier's TTL
    Given a gnutella network of 300 nodes with degree 6
    And the servents cap TTL plus hops at 3
    And queries go out with TTL 3
    And the seed is 1413
    When 10 seconds pass
    And 5 relays that forge a TTL of 255 join
    And 10 seconds pass
    And 20 queries for "nothing" run from random nodes
    Then no delivery took more than 3 hops
    And the honest nodes counted at least 1 "defence.ttl_cap.clamped" in total

  Scenario: Sybils with many connections join many neighbour lists
    Given a gnutella network of 300 nodes with degree 6
    And the seed is 1414
    When 10 seconds pass
    And 20 Sybils join, each connecting to 30 random nodes
    And 10 seconds pass
    Then the attackers hold at least 15% of the honest servents' connections

  Scenario: With IP-diversity limits each honest servent takes at most one Sybil of their /24
    The neutral defence: a servent refuses a connection (inbound: it answers the ping, then closes) to a
    host whose /24 already holds one of its neighbours. The Sybils share one /24; honest servents each have
    their own.
    Given a gnutella network of 300 nodes with degree 6
    And the defences "ip-diversity(table=1,prefix=24)" are on
    And the seed is 1414
    When 10 seconds pass
    And 20 Sybils join, each connecting to 30 random nodes
    And 10 seconds pass
    Then the attackers hold at most 15% of the honest servents' connections
    And the honest nodes counted at least 1 "defence.guard.refused_neighbours" in total

  Scenario: Sybils aimed at one servent fill its free connection slots
    Each Sybil connects to the victim only (a fixed peer list); the victim takes inbound connections until its
    2·d slots are full, so the Sybils take every slot its honest neighbours left free. The victim joined late
    (node 290): the early servents' inbound slots are full of honest joiners, and refuse the Sybils.
    Given a gnutella network of 300 nodes with degree 6
    And the seed is 1415
    And node 290 is called "victim"
    When 10 seconds pass
    And 20 Sybils connect to node "victim"
    And 5 seconds pass
    Then node "victim"'s neighbour set holds more than 50% adversary contacts

  Scenario: With IP-diversity limits the victim takes one Sybil of their /24
    Given a gnutella network of 300 nodes with degree 6
    And the defences "ip-diversity(table=1,prefix=24)" are on
    And the seed is 1415
    And node 290 is called "victim"
    When 10 seconds pass
    And 20 Sybils connect to node "victim"
    And 5 seconds pass
    Then node "victim"'s neighbour set holds at most 1 adversary contacts

  # The query flood and the storm amplifier on real TCP streams, both ways. Loopback: every servent in one JVM on
  # its own 127.x address; the attackers are servents of their own (the real Gnutella 0.4 code with the attack
  # switched on) on attacker addresses (127.201.0.0 and up, the lab port), whose TCP connects are refused outside
  # 127.0.0.0/8 before any packet. Docker: every servent a container on a labelled internal network; the flooder is
  # the network's last servent, switched to a bounded flood through its control interface (POST /v1/malice,
  # flood:RATE:MILLIS:TTL), so its queries leave its own container's TCP connections; the reach is read from the
  # other servents' recorded deliveries (each descriptor id names its origin). The flood is bounded in rate, count
  # (rate times duration) and time, in the servent itself.

  Scenario Outline: A query flood without limits reaches every servent over TCP (<runtime>)
    Given a gnutella network of <nodes> nodes with degree 6 on the <runtime> runtime
    And a broadcast counts as settled after 500 ms without deliveries or broadcast traffic
    And the seed is 1416
    When the network has converged
    And 3 seconds pass
    And a servent floods 50 queries per second with TTL 7 for 4 seconds
    Then each flood query reached at least 95% of the nodes on average
    And the honest servents sent at least <copies> query copies per flood query

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | nodes | copies |
      | loopback | 30    | 100    |

    @docker @slow
    Examples: in containers (the flooder a servent switched malicious)
      | runtime | nodes | copies |
      | docker  | 20    | 60     |

  Scenario Outline: Per-connection rate limits stop a query flood over TCP at the flooder's neighbours (<runtime>)
    Given a gnutella network of <nodes> nodes with degree 6 on the <runtime> runtime
    And the servents accept at most <limit> descriptors per second on each connection
    And a broadcast counts as settled after 500 ms without deliveries or broadcast traffic
    And the seed is 1416
    When the network has converged
    And 3 seconds pass
    And a servent floods 50 queries per second with TTL 7 for 4 seconds
    Then each flood query reached at most 50% of the nodes on average
    And the honest servents sent at most <copies> query copies per flood query
    And the honest nodes counted at least 100 "defence.rate_limit.per_connection" in total
    When 3 seconds pass
    And 3 messages are published from random nodes
    Then broadcast coverage is at least 99%

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | nodes | limit | copies |
      | loopback | 30    | 10    | 75     |

    @docker @slow
    Examples: in containers (the flooder a servent switched malicious)
      | runtime | nodes | limit | copies |
      | docker  | 20    | 5     | 50     |

  Scenario Outline: Servents that answer every query turn queries over TCP into a storm of hits (<runtime>)
    Six liars among 30 servents: every flood reaches all of them, and their hits come back to the querier at once.
    In containers the liars are the network's last 6 servents (of the 30), switched to answer-all through POST
    /v1/malice, where on loopback they are 6 extra servents; they never query, and the hits at each querier are
    read through its control interface (GET /v1/answers). Docker: 4 runs in a row passed (6.0 hits a query, 6
    within 500 ms; 110 to 225 s at a load average of 10 to 39); session 16, on main at e67bcec: 2 of 2 passed (6.0
    hits a query, 6 within 500 ms; docs/gnutella.md); session 17: 3 of 3 passed; session 18, the same Gnutella code: 7
    more passed (6.0 hits a query, 5 or 6 within 500 ms), 10 of 10 in a row.
    Given a gnutella network of <nodes> nodes with degree 6 on the <runtime> runtime
    And a broadcast counts as settled after 500 ms without deliveries or broadcast traffic
    And the seed is 1417
    When the network has converged
    And 3 seconds pass
    And 6 servents that answer every query join
    And 3 seconds pass
    And 10 queries for "no-such-file" run from random nodes
    Then queries got at least 5 hits each on average
    And the largest burst of query hits at a querier was at least 5 within 500 ms

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | nodes |
      | loopback | 30    |

    @docker @slow
    Examples: in containers (the liars are 6 of the 30 servents, switched to answer-all through their control interfaces)
      | runtime | nodes |
      | docker  | 30    |

  Scenario Outline: Random walkers instead of a flood keep the liars' storm over TCP small (<runtime>)
    The defence of Lv et al. (2002): 2 walkers of TTL 3 visit at most 6 servents, so a query meets few of the
    liars (a sixth of the servents; one on average), and their hits arrive one walker step at a time. Docker
    (liars as above): 4 runs in a row passed (0.2 to 0.8 hits a query, bursts of 1 to 3; 77 to 374 s); session 16, on
    main at e67bcec: 2 of 2 passed (0.3 and 0.2 hits a query, bursts of 1; docs/gnutella.md); session 17: 3 of 3 passed;
    session 18, the same Gnutella code: 7 more passed (0.6 to 1.0 hits a query, bursts of 1 or 2), 10 of 10 in a
    row.
    Given a gnutella network of <nodes> nodes with degree 6 on the <runtime> runtime
    And queries go out as 2 random walkers of TTL 3
    And a broadcast counts as settled after 500 ms without deliveries or broadcast traffic
    And the seed is 1417
    When the network has converged
    And 3 seconds pass
    And 6 servents that answer every query join
    And 3 seconds pass
    And 10 queries for "no-such-file" run from random nodes
    Then queries got at most 2.5 hits each on average
    And the largest burst of query hits at a querier was at most 4 within 500 ms

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | nodes |
      | loopback | 30    |

    @docker @slow
    Examples: in containers (the liars are 6 of the 30 servents, switched to answer-all through their control interfaces)
      | runtime | nodes |
      | docker  | 30    |

  Scenario Outline: A relay that forges TTL 255 carries queries over TCP past the querier's TTL (<runtime>)
    The two scenarios above on real TCP connections, smaller: 100 honest servents at mean degree 4 and queries of
    TTL 3, which reach about half of them, so a copy that a forging servent within 2 hops of the querier sends on
    with TTL 255 reaches servents that the querier's TTL keeps out. One forger, not 5: 5 forgers among 100
    servents meet each other, and a copy passed from forger to forger gains a hop at each, which no cap at the
    honest servents can stop (the simulated rows' 5 forgers among 300 never met on their seed). On loopback the
    forger is an extra servent that joins with 4 connections (an honest servent of the converged network holds
    about 4: its own 2 and 2 taken; a joiner at degree 4 would open 2 and be taken by few), and the step waits
    until an honest servent carries it; in containers it is the last servent of the network that holds at least 4
    connections, switched to forge-ttl:255 through POST /v1/malice (a forger clamps nothing itself), with the
    connections it has (the network's very last servent holds only the 2 it opened, no later joiner having taken
    it, and a forger with 2 sends each copy on to one neighbour, which mostly has it already). It never queries. 60 queries from random servents: the forger is within 2 hops of the querier in about one
    in six. Loopback: 10 runs in a row passed (2026-12-07, 18:59-19:33 UTC, load 1 to 91, 136 to 319 s for both
    rows): the farthest delivery 11 to 21 hops; with the cap 3 hops at most while the forger forged 6 to 14 copies.
    Docker, the forger the last servent (2 connections): 2 runs passed (12 hops; with the cap 3, 5 and 6 forged
    copies), the third failed (3 hops at most without the cap, at load 11 to 64); the forger now holds 4 or more
    connections, and the count restarted: 10 of 10 in a row (2026-12-07, 21:04-22:31 UTC, load 0 to 97, 226-731 s for
    both rows): the farthest delivery 11-15 hops; with the cap 3 at most while the forger forged 5-10 copies.
    Given a gnutella network of <nodes> nodes with degree 4 on the <runtime> runtime
    And the containers run <per> nodes each
    And the servents do not cap TTL
    And queries go out with TTL 3
    And a broadcast counts as settled after 500 ms without deliveries or broadcast traffic
    And the seed is 1418
    When the network has converged
    And 3 seconds pass
    And 1 relay that forges a TTL of 255 joins, each connecting to 4 random nodes
    And 3 seconds pass
    And 60 queries for "nothing" run from random nodes
    Then some delivery took more than 3 hops

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | nodes | per |
      | loopback | 100   | 1   |

    @docker @slow
    Examples: in containers (100 servents in 25 containers of 4; the forger is the last holding 4 or more connections, switched to forge-ttl:255 through its control interface; 10 of 10 in a row)
      | runtime | nodes | per |
      | docker  | 100   | 4   |

  Scenario Outline: A cap on TTL plus hops keeps forged queries over TCP within the querier's TTL (<runtime>)
    The same forger against servents that clamp TTL + hops to 3: the forger's copies, TTL 255 after 1 or 2 hops,
    are clamped by the next servent to what the querier's TTL had left, so no copy goes further than 3 hops.
    The forger's own count shows that forged copies were in flight (the servents' clamp counter shows little:
    a forged copy is mostly a duplicate where it lands, dropped before the cap is looked at).
    Given a gnutella network of <nodes> nodes with degree 4 on the <runtime> runtime
    And the containers run <per> nodes each
    And the servents cap TTL plus hops at 3
    And queries go out with TTL 3
    And a broadcast counts as settled after 500 ms without deliveries or broadcast traffic
    And the seed is 1418
    When the network has converged
    And 3 seconds pass
    And 1 relay that forges a TTL of 255 joins, each connecting to 4 random nodes
    And 3 seconds pass
    And 60 queries for "nothing" run from random nodes
    Then no delivery took more than 3 hops
    And the forgers sent on at least 1 descriptors with a forged TTL

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | nodes | per |
      | loopback | 100   | 1   |

    @docker @slow
    Examples: in containers (100 servents in 25 containers of 4; the forger is the last holding 4 or more connections, switched to forge-ttl:255 through its control interface; 10 of 10 in a row)
      | runtime | nodes | per |
      | docker  | 100   | 4   |

  # Sybils on real TCP connections, in one JVM: the four simulated Sybil scenarios above, smaller (100 honest
  # servents instead of 300; 10 Sybils with 20 connections each instead of 20 with 30). The bounds on shares are the
  # simulated rows' 15%: one Sybil at each of 100 honest servents with about 6 honest neighbours each is at most
  # about 100 of 700 entries, 14.3%; the defended row also asserts the per-servent limit itself. The Sybils are servents of their own on attacker addresses in one /24 (127.201.x,
  # the lab port); the honest servents each have their own /24. Loopback: 10 runs in a row of the four rows passed
  # (2026-12-07, 18:29-19:08 UTC, load 28 to 177, 82 to 213 s for the four; docs/gnutella.md).
  # Docker (session 19): the same sentences and assertions. The 100 honest servents run 4 to a container (25
  # containers, each its own /24; the 4 servents of a container share its IP, so with IP-diversity an honest servent
  # takes at most one servent of each other container, and none of its own). The Sybils are servents of the real
  # Gnutella 0.4 code (the loopback Sybils' parameters) in the harness, each on a TCP endpoint of its own IP in one
  # attacker container on the run's internal network: hosts .1 up of an attacker /24 that no honest container has,
  # every connect checked by the lab guard before the container is asked; they join through the bootstrap servents
  # (or connect to the victim only). Node 90 is not a late joiner in containers (the 25 containers start together).
  Scenario Outline: Sybils with many connections join many neighbour lists over TCP (<runtime>)
    Docker: 10 runs in a row passed (2026-12-07 20:58-22:01 UTC, load average 26 to 148 at the runs' starts and ends and
    616 seen during one, from other helpers' jobs; 40 to 219 s for this row): the Sybils held 23.4% to 24.7% of the honest servents' neighbour entries (loopback 24.2% to 24.7%).
    Session 20, on the code with DelegatingStreams (8c43a6c): 10 runs in a row of the four docker rows passed again
    (2026-12-07 23:54 to 2026-12-08 01:02 UTC, load average 9 to 114 at the runs' starts and ends, 186 seen during one;
    51 to 158 s for this row): 24.1% to 24.8%.
    Given a gnutella network of 100 nodes with degree 6 on the <runtime> runtime
    And the containers run <per> nodes each
    And the seed is 1414
    When the network has converged
    And 3 seconds pass
    And 10 Sybils join, each connecting to 20 random nodes
    And 5 seconds pass
    Then the attackers hold at least 15% of the honest servents' connections

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | per |
      | loopback | 1   |

    @docker @slow
    Examples: in containers (100 servents in 25 containers of 4; the Sybils in one attacker container, each its own IP in one /24; 10 runs in a row passed, 2026-12-07 20:58-22:01 UTC, and 10 in a row again on the final code, 23:54-01:02 UTC)
      | runtime | per |
      | docker  | 4   |

  Scenario Outline: With IP-diversity limits each honest servent takes at most one Sybil of their /24 over TCP (<runtime>)
    Docker: 10 runs in a row passed (the same runs, 43 to 294 s for this row): 13.5% to 13.9% of the honest entries, at most 1
    at any servent, 2,215 to 2,741 refusals (loopback 13.8% to 14.0%, 629 to 758 refusals; in containers the 4 servents
    of an honest container share one /24, so the count also holds refusals of honest servents, not split out).
    Session 20 (the same 10 runs in a row, 60 to 168 s for this row): 13.4% to 13.9%, at most 1, 2,130 to 3,151 refusals.
    Given a gnutella network of 100 nodes with degree 6 on the <runtime> runtime
    And the containers run <per> nodes each
    And the defences "ip-diversity(table=1,prefix=24)" are on
    And the seed is 1414
    When the network has converged
    And 3 seconds pass
    And 10 Sybils join, each connecting to 20 random nodes
    And 5 seconds pass
    Then no honest servent holds more than 1 connection to the attackers
    And the attackers hold at most 15% of the honest servents' connections
    And the honest nodes counted at least 1 "defence.guard.refused_neighbours" in total

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | per |
      | loopback | 1   |

    @docker @slow
    Examples: in containers (100 servents in 25 containers of 4; the Sybils in one attacker container, each its own IP in one /24; 10 runs in a row passed, 2026-12-07 20:58-22:01 UTC, and 10 in a row again on the final code, 23:54-01:02 UTC)
      | runtime | per |
      | docker  | 4   |

  Scenario Outline: Sybils aimed at one servent fill its free connection slots over TCP (<runtime>)
    Docker: 10 runs in a row passed (2026-12-07 20:58-22:18 UTC, load average 17 to 148 at the runs' starts and ends,
    42 to 166 s for each of the two victim rows): 10 to 12 of the victim's 15 neighbours were Sybils (67% to 80%;
    loopback 11 to 12 of 15). Session 20 (the same 10 runs in a row of the four, 53 to 147 s for this row): 12 of 15
    in every run (80%).
    Given a gnutella network of 100 nodes with degree 6 on the <runtime> runtime
    And the containers run <per> nodes each
    And the seed is 1415
    And node 90 is called "victim"
    When the network has converged
    And 3 seconds pass
    And 20 Sybils connect to node "victim"
    And 5 seconds pass
    Then node "victim"'s neighbour set holds more than 50% adversary contacts

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | per |
      | loopback | 1   |

    @docker @slow
    Examples: in containers (100 servents in 25 containers of 4; the Sybils in one attacker container, each its own IP in one /24; 10 runs in a row passed, 2026-12-07 20:58-22:18 UTC, and 10 in a row again on the final code, 23:54-01:02 UTC)
      | runtime | per |
      | docker  | 4   |

  Scenario Outline: With IP-diversity limits the victim takes one Sybil of their /24 over TCP (<runtime>)
    Docker: 10 runs in a row passed (the same runs): 1 Sybil among the victim's 4 or 5 neighbours (loopback 1 of 4).
    Session 20 (the same 10 runs in a row of the four, 46 to 146 s for this row): 1 of 4 or 5.
    Given a gnutella network of 100 nodes with degree 6 on the <runtime> runtime
    And the containers run <per> nodes each
    And the defences "ip-diversity(table=1,prefix=24)" are on
    And the seed is 1415
    And node 90 is called "victim"
    When the network has converged
    And 3 seconds pass
    And 20 Sybils connect to node "victim"
    And 5 seconds pass
    Then node "victim"'s neighbour set holds at most 1 adversary contacts

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | per |
      | loopback | 1   |

    @docker @slow
    Examples: in containers (100 servents in 25 containers of 4; the Sybils in one attacker container, each its own IP in one /24; 10 runs in a row passed, 2026-12-07 20:58-22:18 UTC, and 10 in a row again on the final code, 23:54-01:02 UTC)
      | runtime | per |
      | docker  | 4   |
