Feature: Churn
  When most of the network fails at once, lookups time out on dead contacts and miss the closest live
  node for a while, then the routing tables heal and lookups find the true closest live node again.
  A fifth failing is not enough to show this: with k = 8 contacts per bucket Kademlia's lookups route
  around the dead, and 100% of them still succeed right after (measured, seed 5), so there would be
  nothing to recover from (the recovery step fails in that case). With 80% failing, 82% succeed right
  after the failure and 95.7% after 288 virtual seconds (rounds of 300 lookups every 30 s + their time).

  Scenario: After 80% of nodes fail, lookups recover to 95% success within 10 virtual minutes
    Given a network of 1000 nodes
    And the seed is 5
    When the network has converged
    And 80% of the nodes fail at once
    Then lookups recover to at least 95% success within 10 minutes

  Scenario: Restarted and newly joined nodes are found again
    Given a network of 300 nodes
    And the seed is 6
    When the network has converged
    And 10% of the nodes fail at once
    And the failed nodes restart
    And 20 new nodes join
    And 2 minutes pass
    And 500 random lookups run
    Then lookup success is at least 99%
