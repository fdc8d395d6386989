@gnutella @paper
Feature: The reach of a Gnutella flood against TTL and degree, against the tree formula
  A flood of TTL t from a node of degree d reaches at most Σ_{i=1..t} d·(d−1)^(i−1) other nodes: the count
  when the nodes within t hops form a tree (each node's d − 1 other links lead to new nodes). Our model: a
  uniform random d-regular simple graph of N nodes (JGraphT's generator, from the seed), laid out by giving
  every servent its neighbours as a fixed peer list; every link has the same latency (20 ms), so a query's
  first copy reaches each node along a shortest path; duplicate suppression on, no TTL cap below t. For each
  degree one network is built; for each TTL, floods start at random nodes. The ball, the number of nodes
  within t hops in the graph, is what a correct flood must reach exactly; the tree formula is an upper bound
  on it, and loops (two paths to the same node) make the ball smaller. In a random regular graph short loops
  are rare until the ball is no longer small against N: below 4% of N the reach must be within 5% of the
  formula; beyond, it falls away as the network saturates (the @slow scenario shows it). Difference from
  the formula's setting: with latencies that vary, a copy on a longer path may arrive first with a smaller
  TTL and stop early, so reach can fall below the ball (not measured here).
  The curve goes to gnutella/<scenario>-reach.csv and a chart next to it.

  Scenario: Reach against the formula for d = 4 and 6, TTL 1 to 4, on 5,000 nodes
    Given a gnutella network of 5000 nodes
    And the seed is 1421
    When 20 floods per TTL from 1 to 4 run on d-regular random topologies of degree 4,6
    Then every flood reached exactly the nodes within its TTL in the graph
    And no mean reach exceeds the tree formula
    And where the formula stays under 4% of the network the mean reach is within 5% of it

  @slow
  Scenario: Reach against the formula for d = 3 to 8, TTL 1 to 6, on 20,000 nodes, where loops cut it
    Given a gnutella network of 20000 nodes
    And the seed is 1422
    When 20 floods per TTL from 1 to 6 run on d-regular random topologies of degree 3,4,5,6,8
    Then every flood reached exactly the nodes within its TTL in the graph
    And no mean reach exceeds the tree formula
    And where the formula stays under 4% of the network the mean reach is within 5% of it
    And where the formula passes 100% of the network loops cut the reach to below 80% of it
