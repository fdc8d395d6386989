@pastry @security
Feature: Eclipse, id suppression and misrouting on Pastry on real sockets, each with its defence off and on
  The attacks of attacks.feature (simulated, N = 300) on real sockets, with the same sentences. On loopback every
  honest node and every attacker is a real UDP socket in one JVM: honest nodes on 127.x.y.z, the Sybils on the
  attacker addresses 127.201.0.x, all on the port TESTBED_LAB_PORT; every datagram an attacker sends passes the
  adversary's lab guard (127.0.0.0/8 only). The attackers run the honest Pastry code over the adversary's
  PastryLiar, which lies on the real wire format. Time is real, so the networks are smaller than in simulation
  (100 and 200 nodes) and the attackers act for 10 seconds instead of a minute. Requests wait 3 s for an answer
  and routes 30 s: on a loaded machine a reply can take longer than the simulator's default second.
  A lookup succeeds when it ends at the key's numerically closest honest live node.

  Scenario Outline: Sybils ground into a victim's leaf set and row 0 eclipse it (<runtime>)
    24 Sybils with chosen ids, 16 closer to the victim than any honest node and 8 at the fixed points of row 0's
    slots, give only fellow Sybils as state and end every route they are handed with a set of Sybils.
    Given a pastry network of <nodes> nodes on the <runtime> runtime
    And the overlay parameter queryTimeoutMillis is 3000
    And the overlay parameter routeTimeoutMillis is 30000
    And the seed is 62
    When the network has converged
    And node <node> is called "victim"
    And 24 Sybils that poison routing state are ground into the leaf set and routing-table rows of node "victim"
    And 10 seconds pass
    Then node "victim"'s neighbour set holds more than 30% adversary contacts
    When node "victim" routes 200 random keys
    Then lookup success is below 97%

    @loopback @slow
    Examples: on real UDP sockets
      | runtime  | nodes | node |
      | loopback | 100   | 50   |

    @docker @slow
    Examples: in containers (the Sybils' sockets in an attacker container)
      | runtime | nodes | node |
      | docker  | 30    | 15   |

  Scenario Outline: With certified ids the ground Sybils are refused and the victim routes correctly (<runtime>)
    Honest ids are the hash of the address (port included) and every honest node refuses a sender or contact whose
    id is not: the Sybils' chosen ids are refused, their joins time out, and none enters the victim's state.
    Given a pastry network of <nodes> nodes on the <runtime> runtime
    And the overlay parameter queryTimeoutMillis is 3000
    And the overlay parameter routeTimeoutMillis is 30000
    And the defences "bindIds" are on
    And the seed is 62
    When the network has converged
    And node <node> is called "victim"
    And 24 Sybils that poison routing state are ground into the leaf set and routing-table rows of node "victim"
    And 10 seconds pass
    Then node "victim"'s neighbour set holds at most 0% adversary contacts
    And the honest nodes counted at least 1 "defence.pastry.refused_unbound" in total
    When node "victim" routes 200 random keys
    Then lookup success is at least 99%, within sampling error at 99.9% confidence

    @loopback @slow
    Examples: on real UDP sockets
      | runtime  | nodes | node |
      | loopback | 100   | 50   |

    @docker @slow
    Examples: in containers (the Sybils' sockets in an attacker container)
      | runtime | nodes | node |
      | docker  | 30    | 15   |

  Scenario Outline: Sybils ground around a node suppress its id and the routes to its keys end elsewhere (<runtime>)
    16 Sybils closer to the target than any honest node never name it in what they send and never forward a route
    to it: a route that reaches one of them ends at the next closest node.
    Given a pastry network of <nodes> nodes on the <runtime> runtime
    And the overlay parameter queryTimeoutMillis is 3000
    And the overlay parameter routeTimeoutMillis is 30000
    And the seed is 62
    When the network has converged
    And node <node> is called "target"
    And 16 Sybils ground around node "target" suppress its id
    And 10 seconds pass
    And 200 random keys near node "target" are routed from random nodes
    Then lookup success is below 60%

    @loopback @slow
    Examples: on real UDP sockets
      | runtime  | nodes | node |
      | loopback | 100   | 60   |

    @docker @slow
    Examples: in containers (the Sybils' sockets in an attacker container)
      | runtime | nodes | node |
      | docker  | 30    | 12   |

  Scenario Outline: With certified ids the suppressing Sybils cannot sit around the target (<runtime>)
    Given a pastry network of <nodes> nodes on the <runtime> runtime
    And the overlay parameter queryTimeoutMillis is 3000
    And the overlay parameter routeTimeoutMillis is 30000
    And the defences "bindIds" are on
    And the seed is 62
    When the network has converged
    And node <node> is called "target"
    And 16 Sybils ground around node "target" suppress its id
    And 10 seconds pass
    And 200 random keys near node "target" are routed from random nodes
    Then lookup success is at least 99%, within sampling error at 99.9% confidence
    And the honest nodes counted at least 1 "defence.pastry.refused_unbound" in total

    @loopback @slow
    Examples: on real UDP sockets
      | runtime  | nodes | node |
      | loopback | 100   | 60   |

    @docker @slow
    Examples: in containers (the Sybils' sockets in an attacker container)
      | runtime | nodes | node |
      | docker  | 30    | 12   |

  Scenario Outline: Misrouting colluders make plain routes fail (<runtime>)
    A fifth of the members (never a bootstrap node) turn malicious and end every route they are handed, naming the
    colluders closest to the key as its root. On loopback each is stopped and replaced at once, at its own id and
    address (a real socket bound again), by a node over the adversary's PastryLiar. The members that turn and the keys
    follow from the seed, so the share of keys whose closest node is honest, which no defence can exceed, is the same
    in every run. Measured in 20 runs: 22.6% to 70.6% (22.6% once, at a load average of 40 to 50). In containers
    each colluder keeps its process, id, address and state, and POST /v1/malice turns it with the list of its fellow
    colluders; the network is 40 nodes with b = 1 and |L| = 4 (with 16 leaves in a network of 40 most routes take one
    hop and rarely meet a colluder). The metric honest_root_share is the share of the ring whose closest node is
    honest: the success no defence can exceed.
    Given a pastry network of <nodes> nodes on the <runtime> runtime
    And the overlay parameter queryTimeoutMillis is 3000
    And the overlay parameter routeTimeoutMillis is 30000
    And the overlay parameter b is <b>
    And the overlay parameter leafSet is <leafSet>
    And the seed is 62
    When the network has converged
    And 20% of the nodes turn into Pastry colluders that misroute
    And 10 seconds pass
    And 500 random lookups run
    Then lookup success is below <ceiling>%
    And the Pastry colluders lied at least 100 times

    @loopback @slow
    Examples: on real UDP sockets (outside CI for its time: the next row, with the defences, is in CI)
      | runtime  | nodes | b | leafSet | ceiling |
      | loopback | 200   | 4 | 16      | 76      |

    @docker @slow
    Examples: in containers (turned through each colluder's control interface, POST /v1/malice)
      | runtime | nodes | b | leafSet | ceiling |
      | docker  | 40    | 1 | 4       | 76      |

  Scenario Outline: The routing failure test catches misrouted routes and redundant routing recovers them (<runtime>)
    Castro et al.'s defences together: certified ids, constrained routing tables, and at the origin the routing
    failure test (gamma = 2), a failed route redone by the neighbour-set anycast (since 2026-12-07, session 14; before,
    copies through the leaf set to the key's root, now "test-leafset"). With the leaf-set fallback, measured in 20
    runs: 79.8% to 82.0% (82.0% in most: about the share of these keys whose closest node is honest, which no defence
    can exceed). Lookup success counts the answer's first node, which the anycast leaves a colluder when the key's
    closest node is one, so it keeps that cap; recall (k = 1: the answer names the key's closest honest node) shows
    the anycast's gain. On loopback, back to back at load average 30-38 (2026-12-07, 04:53-04:59 UTC): leaf-set
    fallback 75.2% success, recall 78.0%, p50 2.7 s; anycast fallback 75.4%, recall 99.4%, p50 2.6 s; both under the
    76% floor at that load (see docs/pastry.md: the loopback row did not pass 10 in a row this session). In
    containers with the anycast fallback: 83.4% to 85.0%, recall 97.2% to 98.8% (2026-12-07, every run that formed
    its network, 7 of 8 runs, 6 in a row); then 10 of 10 in a row on main's code (session 20, 2026-12-08 00:14-00:45
    UTC, 127 to 234 s a run at load average 36 to 185): 83.6% to 85.2%, recall 97.4% to 99.0%, 182 to 212 routes
    failed the test, always 100.3% to 102.2% of the honest root share (83.4%).
    Certified ids hash the address, so in containers they follow the lab network's addresses: the docker runtime
    takes the lab network that the seed picks (10.236.0.0/16 for seed 62), and the share of the ring whose closest
    node is honest (honest_root_share) is the same in every run, 83.4%. Before, the network came from the run id,
    and that share went from 69% to 90% with the run (measured over the 128 candidate networks): the reason the
    defended row fell below the plain one in one of two runs.
    On loopback the ids hash the lab port too (TESTBED_LAB_PORT), so that share moves with the port: 77.2% at port
    7921, where the row's earlier floor of 76% sat one point under it. The floor is therefore a part of the measured
    honest_root_share (Castro et al.'s success criterion is routing to a correct root, which only keys with an honest
    closest node have): at least 95% of it, as a one-sided binomial test of the 500 lookups at 99% confidence. In the
    ten docker runs of 2026-12-06 (share 83.4%) the floor would have been 79.2% less the test's slack; they gave 81.8%
    to 84.6%. On loopback the row failed under load (4.6% and 16% at load average 35-62, lookups a median 65 s) until
    the 500 lookups were no longer all started at once and the request timeout followed the measured round trips
    (2026-12-07, docs/pastry.md "Real sockets under load"): then 11 runs in a row passed at port 7954 and load average
    35-102, each 78.6% success against an honest root share of 79.4%, recall 100%, lookups a median 0.4 to 1.0 s.
    Given a pastry network of <nodes> nodes on the <runtime> runtime
    And the overlay parameter queryTimeoutMillis is 3000
    And the overlay parameter routeTimeoutMillis is 30000
    And the overlay parameter b is <b>
    And the overlay parameter leafSet is <leafSet>
    And the defences "bindIds,constrainedTable,secureRouting=test" are on
    And the seed is 62
    When the network has converged
    And 20% of the nodes turn into Pastry colluders that misroute
    And 10 seconds pass
    And 500 random lookups run
    Then lookup success is at least <floor>% of the honest root share, within sampling error at 99% confidence
    And recall of the k closest is at least <recall>%
    And the honest nodes counted at least 50 "defence.pastry.failure_test_failed" in total

    @loopback
    Examples: on real UDP sockets
      | runtime  | nodes | b | leafSet | floor | recall |
      | loopback | 200   | 4 | 16      | 95    | 95     |

    @docker @slow
    Examples: in containers (turned through each colluder's control interface, POST /v1/malice)
      | runtime | nodes | b | leafSet | floor | recall |
      | docker  | 40    | 1 | 4       | 95    | 95     |
