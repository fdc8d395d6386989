@gossip
Feature: Broadcast on a gossip network: coverage, latency, hops and traffic, under partitions and churn
  The epidemic overlay offers the Broadcast capability: a node publishes a message and every node that
  gets it delivers it once. Coverage is the share of live nodes that delivered; latency runs from the
  publication to each delivery; hops count overlay hops from the origin; messages per delivery count the
  datagrams that carried the message. The sentences use the capability only, so they work on any overlay
  that offers it. The default epidemic is gossip with fanout ln N + c (c = 2) over full membership. A
  node learns the members that joined after it by pulling the seed's join log 5 s after its join, so each
  scenario lets 30 s pass before it publishes.

  Scenario: Gossip with fanout ln N + 4 reaches every node in a few hops
    Given an epidemic network of 150 nodes
    And the overlay parameter fanoutC is 4
    And the seed is 1301
    When 30 seconds pass
    And 20 messages are published from random nodes
    Then broadcast coverage is at least 99.5%
    And at least 80% of the messages reached every live node
    And no delivery took more than 8 hops
    And the 99th percentile of delivery latency is at most 600 ms
    And broadcasts took at most 9.4 messages per delivery

  Scenario: Push rumour mongering with feedback and a counter of 4 leaves few sites out
    Demers et al.'s rumour mongering: every infective site pushes to one random site per one-second cycle
    and loses interest after 4 unnecessary pushes in a row. Their Table 1 gives a residue of 0.36% at
    k = 4 for 1,000 sites; we ask for at least 98% coverage of 150 sites over 10 rumours.
    Given an epidemic network of 150 nodes
    And the overlay parameter mode is rumor
    And the overlay parameter k is 4
    And the seed is 1302
    When 30 seconds pass
    And 10 messages are published from random nodes
    Then broadcast coverage is at least 98%
    And broadcasts took at most 8 messages per delivery

  Scenario: A partitioned gossip network spreads on one side only, and to everyone after the heal
    Given an epidemic network of 120 nodes
    And the overlay parameter fanoutC is 4
    And the seed is 1303
    When the network has converged
    And 30 seconds pass
    And the honest nodes are split into two random halves
    And node 5 publishes a message
    Then broadcast coverage is at most 55%
    And broadcast coverage is at least 45%
    When the partition heals
    And 10 messages are published from random nodes
    Then broadcast coverage is at least 99.5%

  Scenario: Gossip keeps reaching the live nodes when a fifth fail at once, and reaches new nodes once they are known
    Members that failed stay in the views (no failure detector), so a fifth of every node's pushes is lost;
    with fanout ln N + 4 the rest still reaches almost every live node. New nodes register at the seed and
    the others learn them at their next pull of its join log (at most 320 s later).
    Given an epidemic network of 120 nodes
    And the overlay parameter fanoutC is 4
    And the seed is 1304
    When the network has converged
    And 30 seconds pass
    And 20% of the nodes fail at once
    And 10 messages are published from random nodes
    Then broadcast coverage is at least 99%
    When 10 new nodes join
    And 6 minutes pass
    And 10 messages are published from random nodes
    Then broadcast coverage is at least 99%

  @loopback
  Scenario: Gossip on real loopback sockets reaches every node
    Given an epidemic network of 40 nodes on the loopback runtime
    And the overlay parameter fanoutC is 4
    And the overlay parameter pullMillis is 1000
    And a broadcast counts as settled after 300 ms without deliveries or broadcast traffic
    When the network has converged
    And 3 seconds pass
    And 8 messages are published from random nodes
    Then broadcast coverage is at least 99%
    And no delivery took more than 8 hops

  Scenario Outline: A 50-node gossip network split in two halves spreads within each side, and everywhere after the heal (<runtime>)
    Every node a container of its own on the docker runtime: the messages are published through the nodes'
    control interface (POST /v1/publish), and every node host reports its nodes' first deliveries with hop
    counts and times (GET /v1/deliveries), on its host's wall clock, which all containers of one machine
    share. The partition is iptables DROP rules in every container's network namespace. On the swarm runtime
    (docs/swarm.md) the nodes are the tasks of Swarm services on an internal, attachable overlay network,
    reached only through a relay container on it, and the partition is a rule of each sending node's
    transport, set through its control interface (iptables on other hosts is out of reach). With fanout
    ln 50 + 6 = 9.9, a node inside a half still reaches about 5 members of its own side per forward, so a
    message misses a node of its side with probability about e^-5 (0.7%): the 95% floor for the mean over
    4 messages fails only if more than 5 of 100 side deliveries are missed where 0.7 are expected. Latency on
    real sockets depends on the machine's load, so its bound is loose (measured: p90 of a few ms). On the swarm
    a broadcast is settled only after 3 s without progress: with 500 ms, one of four runs at a load average of
    44 counted one message at 1 of the 25 nodes of its side; the likely cause (not proven) is the window closing
    before its publisher, one of 50 node JVMs on 2 cores, had forwarded it.
    Given an epidemic network of 50 nodes on the <runtime> runtime
    And the overlay parameter fanoutC is 6
    And the overlay parameter pullMillis is 1000
    And the seed is 1306
    And a broadcast counts as settled after <settle> ms without deliveries or broadcast traffic
    When the network has converged
    And 3 seconds pass
    And 3 messages are published from random nodes
    Then broadcast coverage is at least 99%
    When the honest nodes are split into two random halves
    And 4 messages are published from random nodes
    Then broadcast coverage within the publisher's side of the partition is at least 95%
    And no message crossed the partition
    When the partition heals
    And 4 messages are published from random nodes
    Then broadcast coverage is at least 99%
    And the 90th percentile of delivery latency is at most 2000 ms

    Examples: in one JVM
      | runtime   | settle |
      | simulated | 500    |

    @docker
    Examples: in containers (iptables partitions; deliveries read through each container's control interface)
      | runtime | settle |
      | docker  | 500    |

    @docker @swarm @slow
    Examples: as tasks of services on a one-node swarm (docker swarm init --advertise-addr 127.0.0.1; about 106 s, beyond the CI budget: ./testbed run --tags '@swarm and @slow')
      | runtime | settle |
      | swarm   | 3000   |
