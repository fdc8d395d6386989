@security
Feature: The colluding adversary and S/Kademlia's disjoint paths
  One colluding-adversary model for every structured overlay (docs/steps.md, "Colluders"). Colluders are
  a share of the network's own nodes, never a bootstrap node, chosen from the seed (a smaller share's
  colluders stay colluders at a larger one). They run the honest protocol - they join, keep routing tables,
  answer pings - and lie only in their replies to lookups, by a strategy: the k colluders closest to the key;
  fresh colluders for every query (never one the querier was given or has queried for that key); fabricated
  contacts where nobody listens; or no reply at all. The first, weak model (the same few colluders, those
  closer to the key than the responder, to everyone) is kept by name. They are present from the start (they
  lie while the honest nodes join, so honest tables are built through them) or turn once the network has
  converged.

  Rules of the Kademlia curve, as in S/Kademlia's evaluation (Baumgart and Mies 2007, section 5): origins are
  honest nodes, keys random; a disjoint lookup deals the origin's k closest contacts round-robin to d paths
  with 1 query in flight each, and no node is queried by two paths. A path ends as Kademlia's iterative
  lookup does: when the k closest contacts it knows have all answered or failed. A lookup succeeds when
  its merged result (the k closest contacts that answered any path) contains the closest honest node to
  the key other than the origin; the CSV also gives the paper's "any path reaches the key" (some path's own
  k closest contain it), and the sensitivity table both. We could not read the paper's figure values
  (section 5's plot is not in the stored sources we could search), so the curve is compared with it
  qualitatively only, and the tolerances below bound our own measurement.

  Scenario: Closest colluders against disjoint paths in a 1,000-node network
    The quick check run in CI. Smaller than the paper (N = 1,000 instead of 10,000, 100 lookups per point),
    and the colluders turn once the network has converged, so one network serves every fraction. At this
    size a lookup needs one or two hops, so the colluders hurt less than at 10,000 nodes; the bounds are
    our measurement of seed 3 (d = 1: 87%, d = 8: 100%, plain: 98%) with about two standard errors of
    100 lookups around it.
    Given a network of 1000 nodes
    And buckets hold 16 contacts and lookups send 3 queries in parallel
    And the seed is 3
    When lookup success is measured at "0,50"% colluders that answer with the colluders closest to the key, turning once the network has converged, with 100 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And the collusion curve is written to "curves/collusion-closest-1000.csv"
    Then at every colluder fraction, disjoint lookup success rises with d, allowing 2 points of sampling noise
    And with 50% colluders that answer with the colluders closest to the key, lookups over 1 disjoint path succeed between 80% and 94% of the time
    And with 50% colluders that answer with the colluders closest to the key, lookups over 8 disjoint paths succeed between 97% and 100% of the time

  Scenario: Kademlia colluders that drop lookup queries from the start
    The neutral sentences on Kademlia: lookups from honest nodes use the node's own lookup (α = 3).
    Given a network of 300 nodes
    And the seed is 5
    And 20% of the nodes are colluders that drop lookup queries, present from the start
    When the network has converged
    And 200 lookups from honest nodes run
    Then at least 95% of the lookups from honest nodes reach the key's honest owner
    And the colluders lied in at least 20 replies to those lookups

  Scenario: Chord colluders that claim every key from the start misroute lookups
    The same sentences on Chord: a colluder answers a next-hop request with "done: the successor is" the
    colluders closest clockwise after the key, from the first request it serves, joins included.
    Given a chord network of 200 nodes
    And the seed is 41
    And 20% of the nodes are colluders that answer with the colluders closest to the key, present from the start
    When the network has converged
    And the ring has stabilised
    And 300 lookups from honest nodes run
    Then fewer than 20% of the lookups from honest nodes reach the key's honest owner
    And the colluders lied in at least 100 replies to those lookups

  Scenario: Pastry colluders that claim every key from the start misroute routes
    The same sentences on Pastry, whose routes are recursive: a colluder handed a route acknowledges it, ends
    it and answers the origin that the colluders numerically closest to the key are its root and replica set,
    from the first route it is handed (joins are served honestly, so the overlay forms). A lookup succeeds when
    the root and leaf set it returns include the key's closest honest node.
    We measured 70.0% of 200 lookups (60 lies; 2026-12-07, the baseline's value; 74.0% and 52 lies were written
    here before); the next scenario, with the defences, 99.5%. Before Pastry's join rework (2026-12-06: a newcomer
    measures only the nodes its join route named, no probe cascade) it was 61.0% (78 lies) under a bound of 70%; the
    bound is now 80%, which the defended scenario clears.
    Given a pastry network of 150 nodes
    And the seed is 44
    And 20% of the nodes are colluders that answer with the colluders closest to the key, present from the start
    When the network has converged
    And 200 lookups from honest nodes run
    Then fewer than 80% of the lookups from honest nodes reach the key's honest owner
    And the colluders lied in at least 40 replies to those lookups

  Scenario: Castro et al.'s defences recover the routes Pastry colluders misroute
    The same colluders against certified ids, constrained routing tables and the routing failure test, Castro et
    al.'s secure routing primitive: an answer made of colluders only is too sparse, fails the test, and the route is
    redone by the paper's redundant routing, the neighbour-set anycast (copies through the leaf set that stop at the
    first node whose leaf set holds the key's root, then rounds of asking the replica set's members for their leaf
    sets). A key whose root is a colluder is no longer lost: the anycast gathers the honest nodes around it. We
    measured 99.5% of 200 lookups (502 lies) since 2026-12-07; with the earlier fallback, copies through the leaf set
    to the key's root (now "secureRouting=test-leafset"), 84.5% (770 lies), about the share of keys whose root is
    honest. The paper's model for the whole primitive: above 0.999 up to f = 0.18 (gamma = 1.8, l = 16).
    Given a pastry network of 150 nodes
    And the seed is 44
    And the defences "bindIds,constrainedTable,secureRouting=test" are on
    And 20% of the nodes are colluders that answer with the colluders closest to the key, present from the start
    When the network has converged
    And 200 lookups from honest nodes run
    Then at least 97% of the lookups from honest nodes reach the key's honest owner
    And the colluders lied in at least 40 replies to those lookups

  @slow @curve
  Scenario: S/Kademlia's curve again, 10,000 nodes, colluders closest to the key present from the start
    The paper's setting as far as it states it: N = 10,000, d = 1, 2, 4, 8 disjoint paths, 0 to 50%
    adversarial nodes that return only adversarial nodes closest to the key; k = 16 (the bucket size of
    the first curve), 1 query in flight per path, 500 lookups per point. One network per fraction, the
    colluders lying from the start.
    Given a network of 10000 nodes
    And buckets hold 16 contacts and lookups send 3 queries in parallel
    And the seed is 3
    When lookup success is measured at "0,10,20,30,40,50"% colluders that answer with the colluders closest to the key, present from the start, with 500 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And the collusion curve is written to "curves/s-kademlia-closest-colluders.csv"
    And the sensitivity table at 20% colluders is written to "curves/s-kademlia-closest-sensitivity-20.csv"
    Then plain lookup success falls as the colluder fraction grows, allowing 2 points of sampling noise
    And at every colluder fraction, disjoint lookup success rises with d, allowing 2 points of sampling noise

  @slow @curve
  Scenario: S/Kademlia's curve again, 10,000 nodes, fresh colluders for every query present from the start
    As above, with colluders that never hand a querier a colluder it was given or has queried for the key.
    Given a network of 10000 nodes
    And buckets hold 16 contacts and lookups send 3 queries in parallel
    And the seed is 3
    When lookup success is measured at "0,10,20,30,40,50"% colluders that answer with fresh colluders for every query, present from the start, with 500 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And the collusion curve is written to "curves/s-kademlia-fresh-colluders.csv"
    Then plain lookup success falls as the colluder fraction grows, allowing 2 points of sampling noise
    And at every colluder fraction, disjoint lookup success rises with d, allowing 2 points of sampling noise

  @slow @curve
  Scenario: S/Kademlia's curve again at 2,000 nodes, colluders closest to the key present from the start
    The full curve at a fifth of the paper's size (the 10,000-node runs above did not finish on the
    development machine). 300 lookups per point. The bounds hold our measurement of seed 3 (docs/results/
    collusion.md) with about two standard errors of 300 lookups (2.7 points at 70%) around it; they are
    not the paper's values, which we could not read.
    Given a network of 2000 nodes
    And buckets hold 16 contacts and lookups send 3 queries in parallel
    And the seed is 3
    When lookup success is measured at "0,10,20,30,40,50"% colluders that answer with the colluders closest to the key, present from the start, with 300 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And the collusion curve is written to "curves/s-kademlia-closest-colluders-2000.csv"
    Then plain lookup success falls as the colluder fraction grows, allowing 2 points of sampling noise
    And at every colluder fraction, disjoint lookup success rises with d, allowing 2 points of sampling noise
    And with 20% colluders that answer with the colluders closest to the key, lookups over 1 disjoint path succeed between 89% and 99% of the time
    And with 50% colluders that answer with the colluders closest to the key, lookups over 1 disjoint path succeed between 64% and 74% of the time
    And with 50% colluders that answer with the colluders closest to the key, lookups over 8 disjoint paths succeed between 79% and 90% of the time

  @slow
  Scenario: How much each rule choice moves the curve, 2,000 nodes
    Every strategy, present from the start and turned, at 20% and 50% colluders; the table gives both
    success rules (merged k closest, any path) for plain lookups and d = 1, 2, 4, 8.
    Given a network of 2000 nodes
    And buckets hold 16 contacts and lookups send 3 queries in parallel
    And the seed is 3
    When lookup success is measured at "20,50"% colluders that answer with the colluders closest to the key, present from the start, with 300 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And lookup success is measured at "20,50"% colluders that answer with the colluders closest to the key, turning once the network has converged, with 300 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And lookup success is measured at "20,50"% colluders that answer with fresh colluders for every query, present from the start, with 300 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And lookup success is measured at "20,50"% colluders that answer with fresh colluders for every query, turning once the network has converged, with 300 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And lookup success is measured at "20,50"% colluders that answer with the same few colluders, turning once the network has converged, with 300 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And lookup success is measured at "20,50"% colluders that answer with fabricated contacts, present from the start, with 300 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And lookup success is measured at "20,50"% colluders that drop lookup queries, present from the start, with 300 lookups per point, for these lookups:
      | lookup   | d | alpha |
      | plain    | 1 | 3     |
      | disjoint | 1 | 1     |
      | disjoint | 2 | 1     |
      | disjoint | 4 | 1     |
      | disjoint | 8 | 1     |
    And the sensitivity table at 20% colluders is written to "curves/collusion-sensitivity-20.csv"
    And the sensitivity table at 50% colluders is written to "curves/collusion-sensitivity-50.csv"
