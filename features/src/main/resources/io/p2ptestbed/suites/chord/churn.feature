@chord
Feature: Chord under churn: the successor-list repair, a large failure at once, continuous joins and failures
  Every node keeps a successor list of r entries and checks its successors periodically. When its first
  successor fails it promotes the next one and asks it for its own successors (the design notes'
  two-successor repair, generalised to r entries as in the paper).

  Scenario: The successor-list repair keeps the ring whole when a fifth of the nodes fail at once
    Given a chord network of 400 nodes
    And the seed is 21
    When the network has converged
    And the ring has stabilised
    And 20% of the nodes fail at once
    And the ring has stabilised
    And 500 random lookups run
    Then every lookup reaches the live node responsible for its key
    And the ring is whole
