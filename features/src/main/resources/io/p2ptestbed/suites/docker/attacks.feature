Feature: Eclipse and flood attacks with attackers as containers of their own
  Attackers speak the real protocol. On docker their sockets live in attacker containers with their
  own IPs on the lab network (one container hosts a whole Sybil swarm on many ports), while the attack
  logic of the adversary module runs unchanged in the harness.

  Scenario Outline: Sybils on one IP take over the routing table of a victim with plain eviction rules (<runtime>)
    Given a network of 30 nodes on the <runtime> runtime
    And the seed is 21
    When the network has converged
    And node 7 runs the defences "eviction(ping=false,keep-old=false)"
    And 48 Sybils sharing one attacker IP eclipse node 7 for 20 seconds
    Then the Sybils hold more than 50% of node 7's routing table

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    # @slow in CI since 2026-12-07 (56 s on a slow day, when CI reached 30.4 min): security/eclipse.feature's docker
    # pair keeps the eclipse and its IP-diversity defence in containers in CI ("A plain node is eclipsed by Sybils in attacker containers")
    @docker @slow
    Examples: in containers
      | runtime |
      | docker  |

  Scenario Outline: IP-diversity limits hold the same Sybils to what one /24 may hold (<runtime>)
    All 48 Sybils share one IP, hence one /24: the victim admits at most 10 of them in its table and 2 in
    any bucket. A Sybil can push an honest contact out only of a bucket it fills, and a full bucket of
    k = 8 then still keeps 8 - 2 = 6 honest entries. So a bucket that held h honest contacts before the
    attack keeps at least min(h, 6), and the Sybils' share can be at most 10 / (10 + the sum of those).
    The step derives this bound from node 7's table just before the attack and also checks both limits
    (in our runs 14 to 17 honest entries stayed: bounds of 37% to 42%, each met exactly), against more
    than 50% without the limits. Under these eviction rules a failed contact is never dropped (there is
    no replacement cache), so honest entries leave only when a Sybil displaces them.
    Given a network of 30 nodes on the <runtime> runtime
    And the seed is 21
    When the network has converged
    And node 7 runs the defences "eviction(ping=false,keep-old=false),ip-diversity(bucket=2,table=10)"
    And 48 Sybils sharing one attacker IP eclipse node 7 for 20 seconds
    Then the Sybils hold at most the share that IP-diversity limits of 2 per bucket and 10 per table allow in node 7's routing table

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    # @slow in CI since 2026-12-07 (56 s on a slow day, when CI reached 30.4 min): security/eclipse.feature's docker
    # pair keeps the eclipse and its IP-diversity defence in containers in CI ("IP-diversity limits hold against Sybils in attacker containers")
    @docker @slow
    Examples: in containers
      | runtime |
      | docker  |

  Scenario Outline: Without rate limiting a node answers a whole ping flood (<runtime>)
    Given a network of 30 nodes on the <runtime> runtime
    And the seed is 31
    When the network has converged
    And an attacker floods node 3 with 200 pings per second for 5 seconds
    Then node 3 answered more than 90% of the flood

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    # @slow in CI since 2026-12-06 (23 s): the flood.feature docker pair keeps rate limiting in CI
    @docker @slow
    Examples: in containers
      | runtime |
      | docker  |

  Scenario Outline: Rate limiting drops most of the same flood while lookups keep working (<runtime>)
    Given a network of 30 nodes on the <runtime> runtime
    And the seed is 31
    And the defences "rate-limit(ip=10/s,ip-burst=20,id=10/s,id-burst=20)" are on
    When the network has converged
    And an attacker floods node 3 with 200 pings per second for 5 seconds
    Then node 3 answered at most 25% of the flood
    When 100 random lookups run
    Then lookup success is at least 95%

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    # @slow in CI since 2026-12-06 (28 s): the flood.feature docker pair keeps rate limiting in CI
    @docker @slow
    Examples: in containers
      | runtime |
      | docker  |
