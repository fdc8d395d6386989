@pastry @security @paper
Feature: Secure routing on Pastry (Castro, Druschel, Ganesh, Rowstron and Wallach, OSDI 2002)
  The paper's adversary: a fraction f of the nodes are malicious and collude. Their ids are random like
  everyone's (certified ids: here the first 128 bits of SHA-1 of the node's address). They joined as
  ordinary members, then turn: each keeps its id and address, and ends every route it is handed at once,
  answering the origin that the colluders closest to the key are the key's root and replica set. The
  paper's success criterion, as restated by the evidence file we found (docs/pastry.md): a message from a
  correct node reaches a correct replica root of a random key; its model for plain routing is (1 - f)^h with
  h = log_16 N (a colluder root loses the key too). Counting only keys whose root is correct, plain routing
  succeeds when none of the h - 1 nodes between origin and root is malicious: about (1 - f)^(h - 1). The
  sweep measures both rules on the same routes. Redundant routing ("redundant") is the paper's neighbour-set
  anycast: a copy through every member of the sender's leaf set, each forwarded by constrained routing tables
  until it reaches a node whose leaf set holds the key's root; that node answers with its leaf set; the sender
  keeps the answers whose contacts are all certified, computes the key's replica set from them, asks its members
  for their leaf sets, and repeats until the set no longer changes, three rounds at most. "leafset" is this
  project's earlier variant: the copies go on to the key's root and the closest nodes of the answers are kept.
  The paper's criterion for redundant routing, "all correct replica roots", is measured too: the answer names
  every honest node of the key's replica set (r = |L|, r/2 on each side of the key; the paper's l = r).

  Scenario: All correct replica roots, plain and redundant, at 300 nodes in seconds
    A small version of the paper's experiment (N = 300, b = 4, |L| = 16, so r = 16; the paper's N = 100,000 and
    l = r = 32), all keys drawn until 100 have a correct root (about 140 keys at f = 0.3). The paper: neighbour-set
    anycast reaches all correct replica roots more than 99.9% of the time for f up to 0.3; plain routing reaches
    the correct root with (1 - f)^h, h = log_16 N = 2.06 here (0.48 at f = 0.3). With about 140 keys a 0.999
    floor shows only as "no key or one lost" (97% leaves room for one or two keys lost to a colluder-held stretch
    of the ring); plain routing's tolerance, 0.15, is three standard deviations of a share of 140 keys. The
    leaf-set variant loses every key whose root is a colluder, about f of them, so it stays below 85% at f = 0.3.
    Measured (seed 61; 100 keys at f = 0, 145 at f = 0.3), all correct replica roots: f = 0 every mode 1.000;
    f = 0.3 plain 0.503 (the model 0.480), leafset 0.538, redundant (anycast) 1.000 (145 of 145). About 16 CPU
    seconds and 27 s in the scenario at load average 55 (the whole CLI run 46 s).
    Given a pastry network of 300 nodes
    And the seed is 61
    And the defences "bindIds,constrainedTable" are on
    When the network has converged
    And routing success to the correct root is measured at "0,30"% colluders that misroute, with 100 lookups per point, routing "off,leafset,redundant"
    Then at 0% colluders "off" routing reaches all correct replica roots at least 99% of the time
    And at 0% colluders "redundant" routing reaches all correct replica roots at least 99% of the time
    And at 30% colluders "redundant" routing reaches all correct replica roots at least 97% of the time
    And at 30% colluders "off" routing reaches all correct replica roots within 0.15 of the paper's model (1 - f)^h
    And at 30% colluders "leafset" routing reaches all correct replica roots less than 85% of the time

  Scenario: Castro et al.'s whole secure routing primitive at 300 nodes: the routing failure test, then the anycast
    The paper's secure routing primitive ("test"): route plainly, apply the routing failure test to the answer, and
    when it fails use redundant routing, the neighbour-set anycast. The paper (as restated, docs/pastry.md) gives the
    whole primitive's probability of reaching all correct replica roots above 0.999 for f up to 0.18 with gamma = 1.8
    and l = 16 (f up to 0.25 with gamma = 1.58, l = 32), N = 100,000, and redundant routing invoked 0.5% (0.4%) of the
    time without faults. Here N = 300, b = 4, |L| = r = 16, gamma = 1.8, the same turned colluders that misroute;
    keys drawn until 300 a point have a correct root (300, 334 and 383 keys in all). Measured (seed 61, 2026-12-07):
    all correct replica roots 1.000 at f = 0, 0.1 and 0.18 (plain routing: 1.000, 0.823, 0.624); the fallback ran for
    6.7% of the lookups without colluders (20 of 300: an honest answer's 16 gaps against the origin's own 16 vary
    enough to cross gamma = 1.8 that often; the paper's sender estimates its density from 256 samples, hence its 0.5%),
    23.4% at f = 0.1 and 42.0% at
    f = 0.18; 8.6, 22.0 and 36.5 messages per lookup (plain: 3.0, 2.9, 2.8). Beyond the paper's bound, at f = 0.3
    (a point run once, not in this row): 0.959, fallback 52.3%.
    Given a pastry network of 300 nodes
    And the seed is 61
    And the overlay parameter gamma is 1.8
    And the defences "bindIds,constrainedTable" are on
    When the network has converged
    And routing success to the correct root is measured at "0,10,18"% colluders that misroute, with 300 lookups per point, routing "off,test"
    Then at 0% colluders "test" routing reaches all correct replica roots at least 99% of the time
    And at 10% colluders "test" routing reaches all correct replica roots at least 99% of the time
    And at 18% colluders "test" routing reaches all correct replica roots at least 99% of the time
    And at 18% colluders "off" routing reaches all correct replica roots less than 75% of the time
    And at 0% colluders "test" routing fell back to redundant routing at most 8% of the time
    And at 18% colluders "test" routing fell back to redundant routing at least 30% of the time

  @curve @slow
  Scenario: Routing to the correct root against the fraction of colluders, plain and redundant (N = 1,000)
    The paper's Fig. (N = 100,000, b = 4, |L| = 16 and 32) scaled down to N = 1,000, where h = log_16 N =
    2.49 instead of 4.15: plain routing follows (1 - f)^1.49 here (the paper's curve, (1 - f)^3.15, lies
    lower). The paper reports redundant routing close to 0.999 up to f = 0.3 with |L| = 32. The same lookups
    (origin and key, 300 per point) run in both modes at each fraction. Measured (seed 61), success at
    f = 0, 0.1, 0.2, 0.3: plain 1.000, 0.873, 0.763, 0.617 (the model (1 - f)^1.49: 1.000, 0.855, 0.717,
    0.588); redundant through the leaf set ("leafset", this row's "redundant" until 2026-12-07) 1.000, 0.997, 0.993,
    0.987. Not re-run since the neighbour-set anycast was built (it runs in the 300- and 10,000-node rows).
    Tagged @slow: about 4 CPU minutes.
    Given a pastry network of 1000 nodes
    And the seed is 61
    And the defences "bindIds,constrainedTable" are on
    When the network has converged
    And routing success to the correct root is measured at "0,10,20,30"% colluders that misroute, with 300 lookups per point, routing "off,leafset"
    And the Castro curve is written to "curves/castro-secure-routing.csv"
    Then at 0% colluders "off" routing reaches the correct root at least 99% of the time
    And at 10% colluders "off" routing reaches the correct root within 0.08 of the model (1 - f)^(h - 1)
    And at 30% colluders "off" routing reaches the correct root within 0.08 of the model (1 - f)^(h - 1)
    And at 30% colluders "leafset" routing reaches the correct root at least 98% of the time

  @curve @slow
  Scenario: Routing to the correct root at 10,000 nodes, 0 to 30% colluders, plain and redundant, with the paper's criterion
    The paper's model at the scale of its Fig. 3 curve for N = 10,000 (b = 4) with its l = r = 32 (the leaf set and
    replica set its redundant-routing runs use). Its values, as restated by a third party's evidence file
    (docs/pastry.md, "The papers' own values"; we could not read the paper): plain routing follows (1 - f)^h with
    h = log_16 N (65% at f = 0.1 for N = 100,000, within 2% of its simulation), and redundant routing (neighbour-set
    anycast) reaches all correct replica roots more than 99.9% of the time for f up to 0.3 (N = 100,000). Three rules
    on the same routes: keys whose root is correct (the answer's closest node is the root), all keys (the answer names
    the key's closest correct node), and all keys by the paper's criterion (the answer names every correct replica root,
    r/2 on each side of the key). Measured (seed 61, 2026-12-07; 300 correct-root keys a point, 300 to 424 keys in all):
    plain, all keys, f = 0.1, 0.2, 0.3: 0.697, 0.445, 0.285 against the paper's model 0.705, 0.477, 0.306 (the same
    by the replica criterion); anycast, all correct replica roots: 1.000 at every point (1,448 keys of 1,448, colluder
    roots included; the leaf-set variant gave 0.901, 0.767, 0.708 over all keys on 2026-12-06). With 333 to 424 keys a
    point this shows above about 99%, not 99.9%. Differences from the paper: N = 10,000, not 100,000; ids certified by
    their address hash, not a CA; the anycast's later rounds ask the candidate replica roots directly; the density test
    flags answers but does not refuse them (docs/pastry.md). Run only to f = 0.3 (the paper's claim; 0.4 and 0.5 were
    measured with the leaf-set variant only). About 5 CPU minutes and 18 minutes wall at load average 12-29.
    Given a pastry network of 10000 nodes
    And the seed is 61
    And the overlay parameter leafSet is 32
    And the defences "bindIds,constrainedTable" are on
    When the network has converged
    And routing success to the correct root is measured at "0,10,20,30"% colluders that misroute, with 300 lookups per point, routing "off,redundant"
    And the Castro curve is written to "curves/castro-secure-routing-10000.csv"
    Then at 0% colluders "off" routing reaches the correct root at least 99% of the time
    And at 10% colluders "off" routing over all keys reaches the closest correct node within 0.06 of the paper's model (1 - f)^h
    And at 20% colluders "off" routing over all keys reaches the closest correct node within 0.06 of the paper's model (1 - f)^h
    And at 30% colluders "off" routing over all keys reaches the closest correct node within 0.06 of the paper's model (1 - f)^h
    And at 30% colluders "redundant" routing reaches the correct root at least 99% of the time
    And at 10% colluders "redundant" routing reaches all correct replica roots at least 99% of the time
    And at 30% colluders "redundant" routing reaches all correct replica roots at least 99% of the time
