@pastry @paper
Feature: Rowstron and Druschel's routing results (Middleware 2001): the hop distribution and the failure experiment
  The paper's parameters: b = 4, |L| = 16, |M| = 32. Routes go from random live nodes to random keys; hops are
  the forwards a route takes (0 when the origin owns the key). The paper emulated its network; we simulate ours
  with one-way latency uniform in 10 to 100 ms, and joins through the bootstrap nodes (the paper's new nodes join
  through a nearby node).
  The paper's figures are NOT given here: we could not read them (the search tool reached only the paper's first
  page, not Fig. 5 or Fig. 10), and numbers recalled from memory are not the paper's. Each measurement is compared
  instead with ideal prefix routing on the same live ids (harness PrefixRoutingModel: every node's state complete
  and correct; a route whose key is within the node's leaf-set range takes one more hop to the owner, none when
  the node owns it; otherwise it goes to a node drawn uniformly among those sharing one more digit with the key;
  100,000 model routes). Its mean is close to log16 N. The CSV and the chart of each measurement (report folder,
  pastry/) put our shares next to the model's.

  Scenario: The hop distribution at 2,000 nodes follows ideal prefix routing (the default suite's size)
    The default suite's version. The 10,000-node one (next scenario, @slow) took 58 s wall and 3,000 nodes 26 s on
    the shared development machine (load average 15 to 70), more than the 25 s this suite may spend here, so
    the default runs 2,000 nodes. Tolerances: every route reaches the owner; the mean within 0.5 of log16 N
    (2.74); every share within 0.05 of the model's.
    Given a pastry network of 2000 nodes
    And the seed is 55
    When the network has converged
    And the ring has stabilised
    And the hop distribution of 2000 random routes is measured
    Then every lookup reaches the live node responsible for its key
    And mean hops are within 0.5 of log base 16 of the network size
    And the hop distribution is within 0.05 of the ideal prefix-routing model's at every hop count

  @slow
  Scenario: The hop distribution at 10,000 nodes follows ideal prefix routing
    Fig. 5's setting at a tenth of its size. Tolerances: every route reaches the owner; the mean within 0.5 of
    log16 N (3.32); every share within 0.05 of the model's.
    Given a pastry network of 10000 nodes
    And the seed is 55
    When the network has converged
    And the ring has stabilised
    And the hop distribution of 2000 random routes is measured
    Then every lookup reaches the live node responsible for its key
    And mean hops are within 0.5 of log base 16 of the network size
    And the hop distribution is within 0.05 of the ideal prefix-routing model's at every hop count

  @slow
  Scenario: The hop distribution at 100,000 nodes (Fig. 5's N) follows ideal prefix routing
    Tolerances: every route reaches the owner; every share within 0.05 of the model's.
    Given a pastry network of 100000 nodes
    And the seed is 56
    When the network has converged
    And the ring has stabilised
    And the hop distribution of 5000 random routes is measured
    Then every lookup reaches the live node responsible for its key
    And mean hops are within 0.5 of log base 16 of the network size
    And the hop distribution is within 0.05 of the ideal prefix-routing model's at every hop count

  Scenario Outline: 10% of the nodes fail: routes take more hops until the routing tables are repaired (<runtime>)
    The paper's failure experiment (b = 4, |L| = 16, |M| = 32, N = 5,000, 10% of the nodes fail at once; Fig. 10
    gives the mean hops before the failure, after it with the routing tables not repaired, and after their repair).
    As in the paper the leaf sets are repaired in every phase (routes must reach the owner); "no repair" switches
    routing-table repair off on every node before the failure (a failed entry is then only removed when a route
    finds it dead), and the repair switches it on again (each node asks a random entry for its row every 10 s, and
    refills a failed entry from its row). Tolerances: before and after the repair within 0.15 of ideal prefix
    routing on the live ids of the moment; without repair at least <margin> more hops than "<than>", and at least
    <excess> further above the ideal model than before the failure (the model runs on the live ids of each moment,
    so the smaller network after the failure is accounted for). The paper's values, as the session's brief quotes
    them (not re-read here: the paper's figure pages were out of our tools' reach): 2.73 hops before, 2.96 with no
    repair, 2.74 after repair, at N = 5,000.
    The simulated row has the paper's N = 5,000 (@slow) and 5 minutes of repair. The loopback row has 1,000 real UDP
    nodes in one JVM (a fifth of the paper's N), 5,000 routes a phase, a request timeout of 3 s and a route timeout of
    30 s, keep-alive pings every 3 s instead of every second (less load on the 2 shared cores), and 2 minutes of
    repair. At a fifth of the paper's N more routes end inside a leaf set and the effect shrinks: simulated with
    these parameters at 1,000 nodes (seed 57), before 2.490, no repair 2.502, repaired 2.429 (ideal model 2.456,
    2.416, 2.418), so "no repair" is compared with "repaired" (+0.073) and, against the model, with "before" (0.086
    above it against 0.034, +0.052). On loopback (2026-12-07, 10 runs in a row, all passed: 6 in session 16 at load
    average 20-118, 4 more in session 17 on the same code path at load 8-18): "no repair" 0.059 to 0.093 above
    "repaired" (mean 0.078, standard deviation 0.011), and 0.048 to 0.083 further above the model than "before" (mean
    0.068, 0.011); every route of every phase at the owner. Margins 0.03 and 0.02: about four run-to-run standard
    deviations under the loopback runs' mean effects, and 2.5 and 1.7 standard errors of a difference of two phases'
    means (0.012 hops at 5,000 routes a phase) above zero, so a pass shows the effect. docs/pastry.md, "Real sockets
    under load" and "Session 17". The docker row runs the loopback row's network in 40 containers of 25 nodes (one
    node-host JVM each): the failure kills 4 whole containers with docker kill (100 nodes, real process deaths; a
    container holding a bootstrap node is spared), table repair is switched in every node through its host's control
    interface (POST /v1/pastry/repair, each node confirming), and 500 routes are in flight at once (in waves of 50 the
    "no repair" phase waited out the 3 s request timeout at dead entries wave after wave: 541 s against 121-144 s).
    Same margins as loopback; docs/pastry.md, "Session 18 (fig10d)" and "Session 19 (fig10d)".
    Given a pastry network of <nodes> nodes on the <runtime> runtime
    And the containers run <per container> nodes each
    And the containers take <in flight> routes in flight at once
    And the overlay parameter queryTimeoutMillis is <timeout>
    And the overlay parameter routeTimeoutMillis is <route>
    And the overlay parameter leafProbeMillis is <probe>
    And the seed is 57
    When the network has converged
    And the ring has stabilised
    And the mean hops of <routes> random routes are measured "before"
    And the Pastry nodes' routing-table repair is switched off
    And 10% of the nodes fail at once
    And the ring has stabilised
    And the mean hops of <routes> random routes are measured "no repair"
    And the Pastry nodes' routing-table repair is switched on
    And <repair> minutes pass
    And the mean hops of <routes> random routes are measured "repaired"
    Then every lookup reaches the live node responsible for its key
    And the mean hops measured "before" are within 0.15 of the ideal prefix-routing model's
    And the mean hops measured "repaired" are within 0.15 of the ideal prefix-routing model's
    And the mean hops measured "no repair" exceed those measured "<than>" by at least <margin>
    And the mean hops measured "no repair" lie at least <excess> further above the ideal prefix-routing model's than those measured "before"

    @slow
    Examples: in one JVM, at the paper's N
      | runtime   | nodes | per container | in flight | timeout | route | probe | routes | repair | than   | margin | excess |
      | simulated | 5000  | 1             | 50        | 1000    | 10000 | 1000  | 2000   | 5      | before | 0.05   | 0.05   |

    @loopback @slow
    Examples: on real UDP sockets (10 runs in a row passed, 2026-12-07, 220-358 s a run; @slow)
      | runtime  | nodes | per container | in flight | timeout | route | probe | routes | repair | than     | margin | excess |
      | loopback | 1000  | 1             | 50        | 3000    | 30000 | 3000  | 5000   | 2      | repaired | 0.03   | 0.02   |

    @docker @slow @wip
    Examples: in containers (40 containers of 25 nodes; the failure kills 4 whole containers with docker kill, 100 nodes, real process deaths; the switch through each node host's POST /v1/pastry/repair; session 18: 5 of 5 in a row on its branch, 716-872 s a run at load average 19-196; session 19, 2026-12-07, on main's code, which changed node-host and liar code this row runs, so the count restarted: runs 1-6 passed, run 7 failed (a read of a live node host's control interface timed out at load average 255, before any asserted figure), then 3 of 3 in a row; 9 passes in 467-631 s a run at load average 8-105: no repair 0.038-0.075 above repaired, 0.055-0.087 further above the model than before; @wip until 10 in a row)
      | runtime | nodes | per container | in flight | timeout | route | probe | routes | repair | than     | margin | excess |
      | docker  | 1000  | 25            | 500       | 3000    | 30000 | 3000  | 5000   | 2      | repaired | 0.03   | 0.02   |
