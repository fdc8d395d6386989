Feature: Connectivity of the routing-table graph
  Once a network has converged, every node can reach every other through routing-table edges, and
  every bucket range that holds live nodes is represented in each node's table. A node that joined
  after another and never queried it is found by the periodic bucket refresh (15 minutes, as BEP 5),
  so completeness is checked after one refresh period.

  Scenario: A converged network is one strongly connected component with no missed buckets
    Given a network of 1000 nodes
    And the seed is 11
    When the network has converged
    Then the routing-table graph is one strongly connected component
    When 16 minutes pass
    Then the routing-table graph is one strongly connected component
    And no node has an empty bucket that it should have filled
    And no routing table points at a dead or misaddressed node
    And every node knows at least 8 contacts
