@gnutella
Feature: Gnutella 0.4 flooding: reach, cost, flooding loops and the response storm
  Gnutella servents (Clip2's protocol 0.4, over the stream transport: TCP on loopback) on a random topology of
  mean degree d: a query is flooded to every connection with TTL - 1 and hops + 1, duplicates (a descriptor id
  already seen) are dropped, and query hits travel back along the reverse path to the querier. A query is
  also a broadcast, so the neutral broadcast sentences (coverage, hops, latency) read the same measurement.
  Reach: nodes that received the query besides the querier. Messages per query: query copies sent on
  connections. Duplicate ratio: copies received that were already seen, over all copies received. The
  response storm: the most query hits that reach the querier within a window of time. Every scenario lets
  10 s pass once the network is built: a servent's join completes when its connections are open, and a host
  with no free slot answers the ping exchange and then closes, so the last joiners are still replacing such
  connections for a moment.

  Scenario: A flood with TTL 7 at degree 8 reaches every node of 1,000, and most copies it sends are duplicates
    Given a gnutella network of 1000 nodes with degree 8
    And the seed is 1401
    When 10 seconds pass
    And 20 queries for random files run from random nodes
    Then queries reached at least 99.5% of the nodes on average
    And broadcast coverage is at least 99.5%
    And no delivery took more than 7 hops
    And the duplicate ratio is at least 0.7
    And queries got at least 1 hits each on average

  @slow
  Scenario: A flood with TTL 2 reaches only the neighbours of the querier's neighbours
    Given a gnutella network of 1000 nodes with degree 8
    And queries go out with TTL 2
    And the seed is 1402
    When 10 seconds pass
    And 20 queries for random files run from random nodes
    Then no delivery took more than 2 hops
    And queries reached at most 15% of the nodes on average

  Scenario: Without duplicate suppression flooding loops multiply the messages, not the reach
    With a TTL longer than the network is wide, every copy that loops back is forwarded again until its TTL
    runs out: about d·(d−1)^(t−1) copies at the last hop alone.
    Given a gnutella network of 300 nodes with degree 6
    And queries go out with TTL 6
    And duplicate suppression is off
    And the seed is 1403
    When 10 seconds pass
    And 3 queries for "nothing" run from random nodes
    Then queries cost at least 10000 messages each on average
    And queries reached at least 99% of the nodes on average
    And the duplicate ratio is at least 0.9

  Scenario: With duplicate suppression the same floods cost at most one copy per connection and direction
    Given a gnutella network of 300 nodes with degree 6
    And queries go out with TTL 6
    And the seed is 1403
    When 10 seconds pass
    And 10 queries for "nothing" run from random nodes
    Then queries cost at most 2000 messages each on average
    And queries reached at least 99% of the nodes on average

  Scenario: A popular file makes a response storm at the querier
    Every servent shares 3 files named from 5 keywords, so a keyword matches about half the servents, and all
    of them answer the querier at once.
    Given a gnutella network of 1000 nodes with degree 8
    And every servent shares 3 files named from 5 keywords
    And the seed is 1404
    When 10 seconds pass
    And 10 queries for "kw1" run from random nodes
    Then queries got at least 400 hits each on average
    And the largest burst of query hits at a querier was at least 100 within 100 ms

  Scenario: Random walkers instead of a flood find the popular file with a small burst and few messages
    Lv, Cao, Cohen, Li and Shenker (2002): k walkers, each forwarded to one random neighbour per hop.
    Given a gnutella network of 1000 nodes with degree 8
    And every servent shares 3 files named from 5 keywords
    And queries go out as 4 random walkers of TTL 32
    And the seed is 1404
    When 10 seconds pass
    And 10 queries for "kw1" run from random nodes
    Then queries cost at most 128 messages each on average
    And queries got at least 10 hits each on average
    And the largest burst of query hits at a querier was at most 10 within 100 ms

  Scenario: When a fifth of the servents fail at once the others replace their lost connections and floods reach the live nodes
    Given a gnutella network of 500 nodes with degree 8
    And the seed is 1405
    When 10 seconds pass
    And 20% of the nodes fail at once
    And 30 seconds pass
    And 10 queries for random files run from random nodes
    Then broadcast coverage is at least 99%

  Scenario: A partitioned Gnutella network floods one side only, and every node again after the heal
    Segments between the halves are dropped; the connections across stall and retransmit (the simulated
    stream transport), and resume after the heal, as the partition is shorter than the 30 s stall timeout.
    Given a gnutella network of 300 nodes with degree 8
    And the seed is 1407
    When 10 seconds pass
    And the honest nodes are split into two random halves
    And node 5 publishes a message
    Then broadcast coverage is at most 55%
    And broadcast coverage is at least 40%
    When the partition heals
    And 30 seconds pass
    And 10 queries for random files run from random nodes
    Then broadcast coverage is at least 99.5%

  @loopback
  Scenario: Flooding on real TCP connections reaches every servent
    Given a gnutella network of 40 nodes with degree 6 on the loopback runtime
    And a broadcast counts as settled after 500 ms without deliveries or broadcast traffic
    And the seed is 1406
    When the network has converged
    And 3 seconds pass
    And 8 queries for random files run from random nodes
    Then broadcast coverage is at least 99%
    And no delivery took more than 7 hops
    And the duplicate ratio is at least 0.5

  # Flooding loops and churn on real TCP streams (session 20, g13gaps). Loopback: every servent in one JVM on its own
  # 127.x address. Docker: every servent a process in a container on a labelled internal network, 4 servents to a
  # container (sharing its IP, each its own port); the scenario's parameters (here `dedup=false`, `ttl`) go to every
  # container's command line, so the servents in the containers run without duplicate suppression themselves.
  # A query is measured once no delivery and no query copy has been seen for the settle time: 500 ms on loopback,
  # 2 s in containers, where at a load average of 30 to 100 a container's servents can be starved of the CPU for
  # longer than half a second (docker run 10 of the first loop, with 500 ms: 2 of 190 deliveries missing, reach
  # 98.9% of the 99% asserted; the loopback rows' steps are unchanged by the column).

  Scenario Outline: Without duplicate suppression flooding loops multiply the messages, not the reach over TCP (<runtime>)
    The simulated scenario's loops, smaller: degree 4 and TTL 6 keep the storm bounded. The tree formula
    d·(d−1)^(t−1) gives 972 copies at the last hop and 1,456 in all; joins spread the degrees (early servents hold
    up to 2·d connections), so the storm runs above it: about 5,600 copies a query on 20 servents and 8,000 on 30
    in the simulator (the same seed), 69 and 74 copies per connection and direction, a few thousand TCP frames of
    some 30 bytes, well within a second of traffic. Loopback (30 servents, 116 connection directions; 10 runs in a
    row, load average 21 to 84): 4,884 to 6,092 copies a query, 42 to 53 per connection and direction, every
    servent reached, duplicate ratio 0.994 to 0.995. Containers (20 servents, 78 or 80 connection directions; 10 runs
    in a row, load average 10 to 84): 5,218 to 8,549 copies a query, 65 to 107 per connection and direction, every
    servent reached, duplicate ratio 0.996 to 0.998. The cost is divided by the connection directions of the live
    servents (the sum of their open connections, each connection counted at both ends), so the same sentence holds
    on both runtimes' sizes.
    Given a gnutella network of <nodes> nodes with degree 4 on the <runtime> runtime
    And the containers run <per> nodes each
    And queries go out with TTL 6
    And duplicate suppression is off
    And a broadcast counts as settled after <quiet> ms without deliveries or broadcast traffic
    And the seed is 1403
    When the network has converged
    And 3 seconds pass
    And 5 queries for "nothing" run from random nodes
    Then queries cost at least 10 messages per connection and direction on average
    And queries reached at least 99% of the nodes on average
    And the duplicate ratio is at least 0.9

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses; 10 of 10 in a row, 2026-12-08 00:00-00:20 UTC)
      | runtime  | nodes | per | quiet |
      | loopback | 30    | 1   | 500   |

    @docker @slow
    Examples: in containers (20 servents in 5 containers of 4; 10 of 10 in a row with a 2 s settle time, 2026-12-08 00:58-01:31 UTC)
      | runtime | nodes | per | quiet |
      | docker  | 20    | 4   | 2000  |

  Scenario Outline: With duplicate suppression the same floods cost at most one copy per connection and direction over TCP (<runtime>)
    A servent forwards a query the first time it sees its id, on every connection but the one it came on, and
    drops every later copy: no connection carries a query twice in the same direction. Loopback (10 runs in a row):
    83 to 87 copies a query, 0.72 to 0.75 per connection and direction, reach 99.7% to 100%. Containers (10 runs in
    a row): 58.9 to 61.0 copies a query, 0.75 to 0.76 per connection and direction, every servent reached.
    Given a gnutella network of <nodes> nodes with degree 4 on the <runtime> runtime
    And the containers run <per> nodes each
    And queries go out with TTL 6
    And a broadcast counts as settled after <quiet> ms without deliveries or broadcast traffic
    And the seed is 1403
    When the network has converged
    And 3 seconds pass
    And 10 queries for "nothing" run from random nodes
    Then queries cost at most 1 message per connection and direction on average
    And queries reached at least 99% of the nodes on average

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses; 10 of 10 in a row, 2026-12-08 00:00-00:20 UTC)
      | runtime  | nodes | per | quiet |
      | loopback | 30    | 1   | 500   |

    @docker @slow
    Examples: in containers (20 servents in 5 containers of 4; 10 of 10 in a row with a 2 s settle time, 2026-12-08 00:58-01:31 UTC)
      | runtime | nodes | per | quiet |
      | docker  | 20    | 4   | 2000  |

  Scenario Outline: When a fifth of the servents fail at once the others replace their lost connections and floods reach the live nodes over TCP (<runtime>)
    On loopback the failed servents' sockets close (their peers see the connections end); in containers the failures
    are `docker kill` of whole containers (SIGKILL: the servents' processes die with their connections), a fifth
    of the servents in containers of 4. Coverage is the share of the live servents that received each query.
    Loopback (100 servents, 20 failed; 10 runs in a row): every query reached all 79 other live servents, at 553
    copies a query in every run. Containers (40 servents, 2 containers of 4 killed; 10 runs in a row): every query
    reached all 31 other live servents, 222 to 225 copies a query. Only the coverage is asserted (as in the simulated scenario), not the number of
    connections each live servent holds again.
    Given a gnutella network of <nodes> nodes with degree 8 on the <runtime> runtime
    And the containers run <per> nodes each
    And a broadcast counts as settled after <quiet> ms without deliveries or broadcast traffic
    And the seed is 1405
    When the network has converged
    And 3 seconds pass
    And 20% of the nodes fail at once
    And 30 seconds pass
    And 10 queries for random files run from random nodes
    Then broadcast coverage is at least 99%

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses; 10 of 10 in a row, 2026-12-08 00:00-00:20 UTC)
      | runtime  | nodes | per | quiet |
      | loopback | 100   | 1   | 500   |

    @docker @slow
    Examples: in containers (40 servents in 10 containers of 4; 2 containers killed; 10 of 10 in a row with a 2 s settle time, 2026-12-08 00:58-01:31 UTC)
      | runtime | nodes | per | quiet |
      | docker  | 40    | 4   | 2000  |
