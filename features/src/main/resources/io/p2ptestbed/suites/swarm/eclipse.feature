@security
Feature: An eclipse on a Docker Swarm, the attackers another service
  The first eclipse scenario of the docker suite (docker/attacks.feature), with the same sentences, on the swarm
  runtime (docs/swarm.md): 50 node hosts as the tasks of three replicated Swarm services on an internal,
  attachable, labelled overlay network, and the attacker as a fourth service: one task running the socket host,
  whose UDP sockets carry the 48 Sybils on its own overlay address. The attack logic runs in the testbed and
  reaches the socket host only through the control relay (a byte tunnel), as the node hosts' control interfaces.
  Measured: 50 tasks up and joined in 42 to 46 s, the eclipse 22 s; the Sybils held more than half of the table.

  Scenario Outline: Sybils on one IP take over the routing table of a victim with plain eviction rules (<runtime>, 50 nodes)
    Given a network of 50 nodes on the <runtime> runtime
    And the seed is 21
    When the network has converged
    And node 7 runs the defences "eviction(ping=false,keep-old=false)"
    And 48 Sybils sharing one attacker IP eclipse node 7 for 20 seconds
    Then the Sybils hold more than 50% of node 7's routing table

    @docker @swarm @slow
    Examples: as services of a one-node swarm (about 70 s, beyond the CI budget: ./testbed run --tags '@swarm and @slow')
      | runtime |
      | swarm   |
