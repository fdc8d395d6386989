@pastry
Feature: Pastry under churn: leaf-set and routing-table repair after a large failure at once
  Every node pings its two ring neighbours and one more leaf each second; a pong carries the responder's
  leaf set. A leaf that fails is replaced from the leaf set of the farthest live leaf on its side, a
  routing-table entry from the same row of another entry, and a route whose next hop does not acknowledge
  goes to the next best node.

  Scenario: After a fifth of the nodes fail at once and the leaf sets repair, every lookup reaches the live owner
    Given a pastry network of 500 nodes
    And the seed is 52
    When the network has converged
    And the ring has stabilised
    And 20% of the nodes fail at once
    And the ring has stabilised
    And 500 random lookups run
    Then every lookup reaches the live node responsible for its key
    And the ring is whole
