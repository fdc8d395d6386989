@wip
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

    @docker
    Examples: in containers
      | runtime |
      | docker  |

  Scenario Outline: IP-diversity limits hold the same Sybils to a small share of the table (<runtime>)
    Given a network of 30 nodes on the <runtime> runtime
    And the seed is 21
    When the network has converged
    And node 7 runs the defences "eviction(ping=false,keep-old=false),ip-diversity(bucket=2,table=10)"
    And 48 Sybils sharing one attacker IP eclipse node 7 for 20 seconds
    Then the Sybils hold at most 40% of node 7's routing table

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    @docker
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

    @docker
    Examples: in containers
      | runtime |
      | docker  |

  Scenario Outline: Rate limiting drops most of the same flood while lookups keep working (<runtime>)
    Given a network of 30 nodes on the <runtime> runtime
    And the seed is 31
    And every node runs the defences "rate-limit(ip=10/s,ip-burst=20,id=10/s,id-burst=20)"
    When the network has converged
    And an attacker floods node 3 with 200 pings per second for 5 seconds
    Then node 3 answered at most 25% of the flood
    When 100 random lookups run
    Then lookup success is at least 95%

    Examples: in one JVM
      | runtime   |
      | simulated |
      | loopback  |

    @docker
    Examples: in containers
      | runtime |
      | docker  |
