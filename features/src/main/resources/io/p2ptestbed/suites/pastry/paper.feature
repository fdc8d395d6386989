@pastry @paper
Feature: Rowstron and Druschel's routing results (Middleware 2001): the hop distribution and the failure experiment
  The paper's parameters: b = 4, |L| = 16, |M| = 32. Routes go from random live nodes to random keys; hops are
  the forwards a route takes (0 when the origin owns the key). The CSV of each measurement (report folder,
  pastry/) gives our figure next to the paper's. The paper emulated its network; we simulate ours with one-way
  latency uniform in 10 to 100 ms, and joins 5 ms apart through the bootstrap nodes (the paper's new nodes join
  through a nearby node).

  @slow
  Scenario: The hop distribution at 10,000 nodes: Fig. 5's shape, most routes take 3 or 4 hops
    The paper's Fig. 5 is at N = 100,000 (next scenario); at N = 10,000 log16 N is 3.32 instead of 4.15, so
    the distribution sits about one hop lower. The CSV puts it next to Fig. 5's bars. Tolerances: every route
    reaches the owner; the mean within 0.5 of log16 N; at least 90% of the routes take 3 or 4 hops.
    Not yet run to its end on the shared development machine (a 10,000-node build costs minutes of CPU: see
    docs/pastry.md, "Floors"), hence @slow, not the default the issue asks for.
    Given a pastry network of 10000 nodes
    And the seed is 55
    When the network has converged
    And the hop distribution of 2000 random routes is measured
    Then every lookup reaches the live node responsible for its key
    And mean hops are within 0.5 of log base 16 of the network size
    And at least 90% of the routes took 3 or 4 hops

  @slow
  Scenario: The hop distribution at 100,000 nodes matches Fig. 5
    Fig. 5 (N = 100,000): 0.0006, 0.0156, 0.1643, 0.6449, 0.1745 for 1 to 5 hops (mean 3.98). Tolerance: each
    share within 0.10 of the paper's.
    Not yet run to its end on the shared development machine.
    Given a pastry network of 100000 nodes
    And the seed is 56
    When the network has converged
    And the hop distribution of 5000 random routes is measured
    Then every lookup reaches the live node responsible for its key
    And the hop distribution is within 0.1 of the paper's Fig. 5 at every hop count

  @slow
  Scenario: 10% of 5,000 nodes fail: routes take more hops until the routing tables are repaired
    The paper's failure experiment (b = 4, |L| = 16, |M| = 32, N = 5,000): 10% of the nodes fail at once; mean
    hops 2.73 before the failure, 2.96 after it with the routing tables not repaired, 2.74 after the repair. As
    in the paper the leaf sets are repaired in every phase (routes must reach the owner); "no repair" switches
    routing-table repair off on every node before the failure (a failed entry is then only removed when a route
    finds it dead), and the repair switches it on again for 5 minutes (each node asks a random entry for its row
    every 10 s, and refills a failed entry from its row). Tolerance: 0.3 hops around each of the paper's means.
    Not yet run to its end on the shared development machine (docs/pastry.md).
    Given a pastry network of 5000 nodes
    And the seed is 57
    When the network has converged
    And the ring has stabilised
    And the mean hops of 2000 random routes are measured "before"
    And the Pastry nodes' routing-table repair is switched off
    And 10% of the nodes fail at once
    And the ring has stabilised
    And the mean hops of 2000 random routes are measured "no repair"
    And the Pastry nodes' routing-table repair is switched on
    And 5 minutes pass
    And the mean hops of 2000 random routes are measured "repaired"
    Then every lookup reaches the live node responsible for its key
    And the mean hops measured "before" are within 0.3 of the paper's 2.73
    And the mean hops measured "no repair" are within 0.3 of the paper's 2.96
    And the mean hops measured "repaired" are within 0.3 of the paper's 2.74
    And the mean hops measured "no repair" exceed those measured "before" by at least 0.05
