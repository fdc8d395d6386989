@security
Feature: Eclipse by routing-table poisoning
  Sybils ground into the victim's buckets (the log2 N buckets honest nodes fill, plus 4 deeper ones)
  contact it every 30 seconds so that it inserts them and keeps them fresh, and answer its lookups
  with fellow Sybils closer to the key ("route lookups to colluders only"). The network keeps working
  meanwhile: one lookup per second from a random honest node. The Sybils come from 4 /24 networks.
  A lookup succeeds when its result contains the true closest honest node to the key.

  Scenario: A plain node's table is taken over and its lookups mostly fail
    The "plain" rules let the newest contact replace the oldest in a full bucket, with no liveness check.
    Given a network of 1000 nodes
    And the seed is 17
    And the nodes use the defence set "plain"
    And node 500 is called "victim"
    And 30% of nodes are Sybils ground into the buckets of node "victim"
    When the eclipse attack runs for 10 minutes
    Then the victim's routing table holds more than 80% adversary contacts
    And the victim tells others mostly about Sybils
    And the honest routing-table graph's minimum vertex cut is at most 4
    When node "victim" runs 200 lookups for random keys
    Then fewer than 50% of those lookups find the closest honest node

  Scenario: go-ethereum's IP-diversity limits hold the Sybils to the bound they imply
    At most 10 contacts per /24 in a table and 2 per bucket: Sybils from 4 /24 networks can hold at most
    10 x 4 = 40 entries of the victim's table, whatever its size; the step states the bound as a share
    of the table. 2 per bucket x 4 networks = 8 = k still lets Sybils fill whole buckets, and under the
    plain rules every admitted Sybil keeps pushing out the oldest honest entry of its bucket. In our runs
    (seeds 17 to 21) the victim's lookups then succeeded 88% to 100% of the time, 95% on average (88.5%
    with this scenario's seed): hence the 85% floor here. The next scenario's tighter limits reach 95%.
    Given a network of 1000 nodes
    And the seed is 17
    And the nodes use the defence set "plain,ip-diversity(bucket=2,table=10)"
    And node 500 is called "victim"
    And 30% of nodes are Sybils ground into the buckets of node "victim"
    When the eclipse attack runs for 10 minutes
    Then the victim's adversary share stays within the bound set by its IP-diversity limits
    And the honest nodes counted at least 1 "defence.ip_diversity.rejected" in total
    When node "victim" runs 200 lookups for random keys
    Then at least 85% of those lookups find the closest honest node

  Scenario: Tighter IP-diversity limits keep the victim's lookups working and the honest graph hard to cut
    At most 5 contacts per /24 in a table and 1 per bucket: Sybils from 4 /24 networks hold at most
    5 x 4 = 20 entries and half of any bucket. The honest routing-table graph (attacker entries are not
    edges) stays strongly connected, and cutting any honest node off, the victim included, takes the
    removal of at least 2k = 16 honest nodes (minimum vertex cut over sampled pairs).
    Given a network of 1000 nodes
    And the seed is 17
    And the nodes use the defence set "plain,ip-diversity(bucket=1,table=5)"
    And node 500 is called "victim"
    And 30% of nodes are Sybils ground into the buckets of node "victim"
    When the eclipse attack runs for 10 minutes
    Then the victim's adversary share stays within the bound set by its IP-diversity limits
    And the victim's routing table holds at most 50% adversary contacts
    And the honest routing-table graph is strongly connected
    And the honest routing-table graph's minimum vertex cut is at least 16
    When node "victim" runs 200 lookups for random keys
    Then at least 95% of those lookups find the closest honest node

  @loopback
  Scenario: A plain node is eclipsed on real UDP sockets
    On loopback time is real: the Sybils contact the victim every second and the attack runs 15 seconds.
    To take a whole bucket the Sybils must number at least k = 8 per attacked bucket (12 buckets in a
    150-node network), hence half of all nodes here.
    Given a network of 150 nodes on the loopback runtime
    And the seed is 17
    And the nodes use the defence set "plain"
    And node 75 is called "victim"
    And 50% of nodes are Sybils ground into the buckets of node "victim"
    When the eclipse attack runs for 15 seconds
    Then the victim's routing table holds more than 80% adversary contacts
    When node "victim" runs 100 lookups for random keys
    Then fewer than 50% of those lookups find the closest honest node

  @loopback
  Scenario: IP-diversity limits hold on real UDP sockets
    The victim's lookups succeeded 98 times in 100, and 297 times in 300, in each of our runs. On real
    sockets that share varies from run to run, so the floor is a one-sided binomial test on 300 lookups
    at 99.9% confidence: it fails only below 285 of 300, the count a true success rate of 98% reaches in
    999 runs of 1000. Without the limits (the scenario above) no lookup succeeds.
    Given a network of 150 nodes on the loopback runtime
    And the seed is 17
    And the nodes use the defence set "plain,ip-diversity(bucket=2,table=10)"
    And node 75 is called "victim"
    And 50% of nodes are Sybils ground into the buckets of node "victim"
    When the eclipse attack runs for 15 seconds
    Then the victim's adversary share stays within the bound set by its IP-diversity limits
    When node "victim" runs 300 lookups for random keys
    Then at least 98% of those lookups find the closest honest node, within sampling error at 99.9% confidence

  Scenario Outline: A plain node is eclipsed by Sybils in attacker containers (<runtime>)
    On docker every node is a container, and the Sybils' sockets are in attacker containers, one per /24
    network of the lab network, each Sybil on an IP of its own (added to its container's interface); the
    attack logic runs in the harness. Time is real: the Sybils contact the victim every second and the
    attack runs 10 seconds. To take whole buckets the Sybils number at least k = 8 per attacked bucket
    (about 9 buckets in a 20-node network), hence 80. Measured on docker in 10 runs: the Sybils held all
    72 of the victim's entries and none of its 100 lookups found the closest honest node.
    Given a network of 20 nodes on the <runtime> runtime
    And the seed is 17
    And the nodes use the defence set "plain"
    And node 10 is called "victim"
    And 80 Sybils from 4 /24 networks are ground into the buckets of node "victim"
    When the eclipse attack runs for 10 seconds
    Then the victim's routing table holds more than 80% adversary contacts
    When node "victim" runs 100 lookups for random keys
    Then fewer than 50% of those lookups find the closest honest node

    @docker
    Examples: in containers
      | runtime |
      | docker  |

  Scenario Outline: IP-diversity limits hold against Sybils in attacker containers (<runtime>)
    The same attack on nodes with the limits of 1 contact per /24 in a bucket and 5 in the table: Sybils
    from 4 /24 networks hold at most 20 entries and half of any bucket. (The looser limits of 2 and 10 let
    4 networks fill whole buckets of k = 8, and in a network of 20 the victim then has few honest entries
    left: 40 of its 49 entries were Sybils and 44% of its lookups succeeded.) The floor is a one-sided
    binomial test on 300 lookups at 99.9% confidence: it fails only below 235 of 300, the count a true
    success rate of 85% reaches in 999 runs of 1000. Measured on docker in 10 runs: the Sybils held 20 of
    the victim's 32 to 34 entries (the bound) and 279 to 284 of 300 lookups (93% to 95%) found the closest
    honest node; without the limits (the scenario above) none did, far below 235.
    Given a network of 20 nodes on the <runtime> runtime
    And the seed is 17
    And the nodes use the defence set "plain,ip-diversity(bucket=1,table=5)"
    And node 10 is called "victim"
    And 80 Sybils from 4 /24 networks are ground into the buckets of node "victim"
    When the eclipse attack runs for 10 seconds
    Then the victim's adversary share stays within the bound set by its IP-diversity limits
    And the honest nodes counted at least 1 "defence.ip_diversity.rejected" in total
    When node "victim" runs 300 lookups for random keys
    Then at least 85% of those lookups find the closest honest node, within sampling error at 99.9% confidence

    @docker
    Examples: in containers
      | runtime |
      | docker  |
