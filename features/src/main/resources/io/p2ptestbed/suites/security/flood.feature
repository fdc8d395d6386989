@security
Feature: Request floods
  One node is flooded with get_peers at 100 times the honest query rate, from one address, while honest
  clients (other nodes, each sending about one query a second) keep querying it. A node's service is
  modelled, not measured: it can process a fixed number of queries per second, accounted per 100 ms
  window (a CPU budget per quantum), and sheds the rest, as an overloaded host drops datagrams it has no
  time for (without a model, the simulator has no CPU to exhaust). The rate limiter, when on, runs before that budget: a cheap check in
  front of the expensive work. Service ratio: honest queries answered over honest queries sent.

  Scenario: Without rate limiting a 100x flood starves the honest clients
    Given a network of 200 nodes
    And the seed is 41
    And the defences are off
    And node 7 is called "target"
    And node "target" can process at most 1000 queries per second
    And honest clients send node "target" 50 get_peers per second
    When honest clients query node "target" for 10 seconds
    Then without the flood node "target" answers at least 99% of honest queries
    When the adversary floods node "target" with 5000 get_peers per second for 10 seconds
    Then the flood was at least 100 times the normal query rate
    And node "target" answers fewer than 50% of honest queries

  Scenario: With rate limiting the flooded node still answers its honest clients
    Per source IP and per claimed id 10 queries/s (burst 40), 500/s in total, excess dropped.
    Given a network of 200 nodes
    And the seed is 41
    And the defences "rate-limit" are on
    And node 7 is called "target"
    And node "target" can process at most 1000 queries per second
    And honest clients send node "target" 50 get_peers per second
    When the adversary floods node "target" with 5000 get_peers per second for 10 seconds
    Then the flood was at least 100 times the normal query rate
    And node "target" answers at least 99% of honest queries
    And node "target" counted at least 40000 "defence.rate_limit.limited_by_ip"

  @loopback
  Scenario: Without rate limiting a 100x flood starves the honest clients on real UDP sockets
    The same load as the next scenario, without the limiter: the node answers about a fifth of the honest
    queries (75 to 98 of 400 in our runs), so this run must also fail the next scenario's floor: the
    last step checks that it does, with the same test.
    Given a network of 100 nodes on the loopback runtime
    And the seed is 41
    And the defences are off
    And node 7 is called "target"
    And node "target" can process at most 400 queries per second
    And honest clients send node "target" 20 get_peers per second
    When the adversary floods node "target" with 2000 get_peers per second for 20 seconds
    Then the flood was at least 100 times the normal query rate
    And node "target" answers fewer than 50% of honest queries
    And node "target" answers significantly fewer than 99% of honest queries, at 99.9% confidence

  @loopback
  Scenario: With rate limiting the flooded node still answers on real UDP sockets
    On real sockets the share of honest queries answered varies from run to run (the limiter's burst of 40
    per source lets the flood's first 40 queries through and they fill the first 100 ms of capacity, so
    the honest query of that moment is lost; a scheduling pause on a loaded machine can time out another).
    Comparing one run's share with 99% fails whenever a run is a little unlucky: with 160 queries, two
    lost ones already gave 98.75%, and the scenario failed 1 run in 6. So the floor is a one-sided
    binomial test on 400 queries (20 seconds): it fails only when so few are answered that a node truly
    answering 99% would do that badly in fewer than 1 run in 1000, i.e. below 389 of 400 (97.25%).
    Measured: 398 to 400 of 400 in each of our runs. Without the limiter the node answers 19% to 25% (the
    scenario above), far below 389: the floor still catches that regression.
    Given a network of 100 nodes on the loopback runtime
    And the seed is 41
    And the defences "rate-limit" are on
    And node 7 is called "target"
    And node "target" can process at most 400 queries per second
    And honest clients send node "target" 20 get_peers per second
    When the adversary floods node "target" with 2000 get_peers per second for 20 seconds
    Then the flood was at least 100 times the normal query rate
    And node "target" answers at least 99% of honest queries, within sampling error at 99.9% confidence

  Scenario Outline: Without rate limiting a 100x flood starves the honest clients of a node in a container (<runtime>)
    On docker the target is a container: its modelled capacity is installed through its control interface,
    the flood comes from one IP of an attacker container, and the honest clients are sockets of their own in
    another attacker container, 20 clients each on its own IP with its own id, each sending about one
    get_peers a second (the nodes are other processes, so the harness cannot send through them). The last
    step checks that this run fails the next scenario's floor, with the same test. Measured on docker in
    10 runs: the node answered 0 to 149 of 300 honest queries (0% to 50%), all far below that floor (290).
    The share varies so widely because the flood reaches the target in bursts through the attacker
    container's socket host, and honest queries that fall between bursts are served; so the point
    ceiling is 75%, not 50%.
    Given a network of 20 nodes on the <runtime> runtime
    And the seed is 41
    And the defences are off
    And node 7 is called "target"
    And node "target" can process at most 400 queries per second
    And honest clients send node "target" 20 get_peers per second
    When the adversary floods node "target" with 2000 get_peers per second for 15 seconds
    Then the flood was at least 100 times the normal query rate
    And node "target" answers fewer than 75% of honest queries
    And node "target" answers significantly fewer than 99% of honest queries, at 99.9% confidence

    @docker
    Examples: in containers
      | runtime |
      | docker  |

  Scenario Outline: With rate limiting a flooded node in a container still answers its honest clients (<runtime>)
    The same load with the rate limiter on. The floor is a one-sided binomial test on 300 honest queries
    at 99.9% confidence: it fails only below 290 of 300, the count a node truly answering 99% reaches in
    999 runs of 1000. Measured on docker in 10 runs: 299 or 300 of 300 answered, while the limiter
    dropped 99% of the flood.
    Given a network of 20 nodes on the <runtime> runtime
    And the seed is 41
    And the defences "rate-limit" are on
    And node 7 is called "target"
    And node "target" can process at most 400 queries per second
    And honest clients send node "target" 20 get_peers per second
    When the adversary floods node "target" with 2000 get_peers per second for 15 seconds
    Then the flood was at least 100 times the normal query rate
    And node "target" answers at least 99% of honest queries, within sampling error at 99.9% confidence

    @docker
    Examples: in containers
      | runtime |
      | docker  |
