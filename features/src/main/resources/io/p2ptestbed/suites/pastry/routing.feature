@pastry
Feature: Pastry routes every key to the numerically closest live node, on every runtime
  Pastry (Rowstron and Druschel, Middleware 2001) puts 128-bit ids on a ring; a key belongs to the live
  node whose id is numerically closest to it. A route goes to a node sharing one more digit (b bits) with
  the key, else to the numerically closest member of the leaf set, else (the rare case) to a node sharing
  as long a prefix and numerically closer. Routes are recursive: each hop forwards and acknowledges, the
  last node answers the origin. These scenarios use only the neutral vocabulary.

  Scenario Outline: Every lookup reaches the live node numerically closest to its key (<runtime>)
    On real sockets a request waits 3 s for its answer instead of the default 1 s: on a loaded machine
    (load averages of 100 and more) replies took longer than a second, live leaf-set members were taken
    for failed, and the ring of 200 nodes was not whole after 120 s (1 run of 11).
    In containers every node is its own JVM in its own container; 40 containers are what this shared machine
    gives one run, so the docker row has 40 nodes (log16 40 = 1.33; with |L| = 16 a route ends within a hop of
    the first node whose leaf set covers the key, so the hop bound means the same as at 200 and 1,000 nodes).
    Routes there wait 30 s, as in the other real-socket rows with containers: session 16's one failure in 10 was a
    container whose join rounds (5 join routes of 10 s each) outlasted the 120 s start-up bound at load 116.
    Given a pastry network of <nodes> nodes on the <runtime> runtime
    And the overlay parameter queryTimeoutMillis is <timeout>
    And the overlay parameter routeTimeoutMillis is <route timeout>
    And the seed is 51
    When the network has converged
    And the ring has stabilised
    And 500 random lookups run
    Then every lookup reaches the live node responsible for its key
    And mean hops are within 0.5 of log base 16 of the network size
    And the ring is whole
    And the routing-table graph is one strongly connected component

    Examples: in one JVM
      | runtime   | nodes | timeout | route timeout |
      | simulated | 1000  | 1000    | 10000         |

    @loopback
    Examples: on real UDP sockets
      | runtime  | nodes | timeout | route timeout |
      | loopback | 200   | 3000    | 10000         |

    @docker @slow
    Examples: in containers (40 node containers, one node each; 10 runs in a row passed in session 16 with routes waiting 30 s, 58 to 74 s a run at load average 4.6 to 13; docs/pastry.md, "Pastry's features on every runtime")
      | runtime | nodes | timeout | route timeout |
      | docker  | 40    | 3000    | 30000         |

  Scenario Outline: The same Pastry network on every runtime: lookups, a split and its heal, a fifth failing (<runtime>)
    One text for the three runtimes, as for Chord. On docker every node is its own JVM in its own
    container on an internal network; the split is iptables DROP rules in each container's network
    namespace, and the failures kill the containers' node processes. Proximity there is the measured
    round-trip time. Requests wait 3 s for an answer and routes 30 s (the defaults, 1 s and 10 s, suit the
    simulator): on a loaded machine a reply can take longer than a second, and a node would then take a live
    neighbour for failed (measured: 2 of 20 runs failed that way at load averages of 200 to 1,100).
    Given a pastry network of 30 nodes on the <runtime> runtime
    And the overlay parameter queryTimeoutMillis is 3000
    And the overlay parameter routeTimeoutMillis is 30000
    And the seed is 53
    When the network has converged
    And the ring has stabilised
    And 300 random lookups run
    Then every lookup reaches the live node responsible for its key
    And the ring is whole
    When the honest nodes are split into two random halves
    Then no ping crosses the partition
    And pings within each side still get answers
    When the partition heals
    Then pings cross the healed partition again
    When the ring has stabilised
    And 20% of the nodes fail at once
    And the ring has stabilised
    And 300 random lookups run
    Then every lookup reaches the live node responsible for its key
    And the ring is whole

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    @docker
    Examples: in containers
      | runtime |
      | docker  |
