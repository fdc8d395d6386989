@security
Feature: A partition on a Docker Swarm
  The split-halves scenario of the security suite (security/partition.feature), with the same sentences, on
  the swarm runtime (docs/swarm.md): 50 node hosts as the tasks of three replicated Swarm services (the
  bootstrap node alone, then two services of 25 and 24 tasks) on an internal, attachable, labelled overlay
  network. The testbed reaches every node's control interface only through a relay container attached to
  that network, as it would on a multi-host swarm. iptables in other hosts' namespaces is out of reach there,
  so the partition is a rule of each sending node's transport, set through the control interface: every node
  drops its datagrams to the other half. Each floor is a one-sided binomial test at 99.9% confidence: a true
  success rate of 95% reaches 87 of 100 (272 of 300) in 999 runs of 1000, so a run fails only below that.

  Scenario Outline: A network split in two halves heals (<runtime>, 50 nodes)
    Given a network of 50 nodes on the <runtime> runtime
    And the seed is 17
    When the network has converged
    And the honest nodes are split into two random halves
    Then no ping crosses the partition
    And pings within each side still get answers
    When 100 lookups run inside each side of the partition
    Then at least 95% of those lookups find the closest honest node, within sampling error at 99.9% confidence
    When the partition heals
    Then pings cross the healed partition again
    When 300 random lookups run
    Then lookup success is at least 95%, within sampling error at 99.9% confidence

    @docker @swarm
    Examples: as services of a one-node swarm (docker swarm init --advertise-addr 127.0.0.1)
      | runtime |
      | swarm   |
