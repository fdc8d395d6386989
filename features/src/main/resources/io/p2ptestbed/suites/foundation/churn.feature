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

  Scenario Outline: After 20% of the nodes fail, lookups recover; restarted and new nodes are found (<runtime>)
    On docker a failure is docker kill of the node's container and a restart is docker start (same id, IP
    and arguments); new nodes are new containers. A fifth failing does not degrade Kademlia's lookups
    (they route around the dead: 300 of 300 succeeded right after the failure in each of 10 docker runs),
    so there is nothing to recover from and this scenario asserts that lookups keep working instead. Both
    floors are one-sided binomial tests on 300 lookups at 99.9% confidence: they fail only below 272 of
    300, the count a true success rate of 95% reaches in 999 runs of 1000. Measured on docker in 10 runs:
    300 of 300 right after the failure and after the restarts, every time.
    Given a network of 30 nodes on the <runtime> runtime
    And the seed is 5
    When the network has converged
    And 20% of the nodes fail at once
    And 300 random lookups run
    Then lookup success is at least 95%, within sampling error at 99.9% confidence
    When the failed nodes restart
    And 3 new nodes join
    And 5 seconds pass
    And 300 random lookups run
    Then lookup success is at least 95%, within sampling error at 99.9% confidence

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    # @slow in CI since 2026-12-06 (80 s): the Chord and Pastry docker rows keep a fifth failing in CI
    @docker @slow
    Examples: in containers (docker kill and docker start)
      | runtime |
      | docker  |
