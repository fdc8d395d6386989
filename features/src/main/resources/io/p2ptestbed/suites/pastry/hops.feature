@pastry @paper @slow
Feature: Pastry's route length grows as log base 2^b of N (Rowstron and Druschel, section 3.1)
  A route fixes at least one digit of b bits per hop, so it takes at most about ceil(log_{2^b} N) hops,
  and the last hops are often saved by the leaf set: once the key lies within a node's leaf set, one hop
  reaches its owner. The paper's Fig. 4 (b = 4, |L| = 16, |M| = 32) shows the mean hop count following
  log_{2^b} N; at N = 1,000 it is about 2.5.

  Scenario: With the paper's parameters the mean hop count follows log16 N
    We measured 2.47 hops at N = 1,000 (log16 N = 2.49). Tolerance: half a hop either way.
    Given a pastry network of 1000 nodes
    And the seed is 53
    When the network has converged
    And 1000 random lookups run
    Then every lookup reaches the live node responsible for its key
    And mean hops are within 0.5 of log base 16 of the network size

  Scenario: With digits of 2 bits routes are longer but stay within log4 N
    Narrower digits fix less per hop. The leaf set of 16 saves about the last log4 16 = 2 digits, so the
    mean lies well under the bound: we measured 3.32 hops at N = 1,000 (log4 N = 4.98).
    Given a pastry network of 1000 nodes
    And the seed is 53
    And the overlay parameter b is 2
    When the network has converged
    And 1000 random lookups run
    Then every lookup reaches the live node responsible for its key
    And mean hops are at most log base 4 of the network size
