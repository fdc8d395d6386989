@pastry @security @paper
Feature: Secure routing on Pastry (Castro, Druschel, Ganesh, Rowstron and Wallach, OSDI 2002)
  The paper's adversary: a fraction f of the nodes are malicious and collude. Their ids are random like
  everyone's (certified ids: here the first 128 bits of SHA-1 of the node's address). They joined as
  ordinary members, then turn: each keeps its id and address, and ends every route it is handed at once,
  answering the origin that the colluders closest to the key are the key's root and replica set. The
  paper's success criterion: a message from a correct node reaches the correct root of a key whose root
  is correct. Plain routing succeeds when none of the h - 1 nodes between origin and root is malicious:
  about (1 - f)^(h - 1) with h = log_16 N. Redundant routing sends a copy through every member of the
  sender's leaf set, each forwarded by constrained routing tables, and keeps the closest nodes among all
  answers: one copy that reaches the true root is enough.

  @curve @slow
  Scenario: Routing to the correct root against the fraction of colluders, plain and redundant (N = 1,000)
    The paper's Fig. (N = 100,000, b = 4, |L| = 16 and 32) scaled down to N = 1,000, where h = log_16 N =
    2.49 instead of 4.15: plain routing follows (1 - f)^1.49 here (the paper's curve, (1 - f)^3.15, lies
    lower). The paper reports redundant routing close to 0.999 up to f = 0.3 with |L| = 32. The same lookups
    (origin and key, 300 per point) run in both modes at each fraction. Measured (seed 61), success at
    f = 0, 0.1, 0.2, 0.3: plain 1.000, 0.873, 0.763, 0.617 (the model (1 - f)^1.49: 1.000, 0.855, 0.717,
    0.588); redundant 1.000, 0.997, 0.993, 0.987. Tagged @slow: about 4 CPU minutes.
    Given a pastry network of 1000 nodes
    And the seed is 61
    And the defences "bindIds,constrainedTable" are on
    When the network has converged
    And routing success to the correct root is measured at "0,10,20,30"% colluders that misroute, with 300 lookups per point, routing "off,redundant"
    And the Castro curve is written to "curves/castro-secure-routing.csv"
    Then at 0% colluders "off" routing reaches the correct root at least 99% of the time
    And at 10% colluders "off" routing reaches the correct root within 0.08 of the model (1 - f)^(h - 1)
    And at 30% colluders "off" routing reaches the correct root within 0.08 of the model (1 - f)^(h - 1)
    And at 30% colluders "redundant" routing reaches the correct root at least 98% of the time
