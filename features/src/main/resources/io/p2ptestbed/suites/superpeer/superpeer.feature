@superpeer
Feature: A super-peer hybrid (Kazaa, Skype): super-peers by capacity, their clusters, and attacks on them
  The superpeer overlay on the stream transport (Yang and Garcia-Molina, ICDE 2003): every node draws a
  capacity from the seed and the top 10% become super-peers (and the first node). A joining node asks a seed
  for the super-peers it knows with their capacity and load; a super-peer links to 4 of them at random, a leaf
  probes 5 of them drawn by the spare capacity they advertise, attaches to the least loaded for its capacity
  and sends it its file list, which the super-peer indexes (docs/superpeer.md). A
  leaf's search goes to its parents; super-peers answer from their index and flood the query among
  super-peers only (TTL 4, duplicates dropped); hits come back along the query's path. A search is served
  when it names a live leaf sharing the file. Every 30 s leaves refresh their list of super-peers from their
  parents, and super-peers theirs from the super-peers they link to; a leaf whose parent is lost picks another.
  "30% of the super-peers" is exactly that share of the live super-peers, drawn from the seed once the network
  is built.

  Scenario: Searches among 300 nodes are served through the super-peers
    Measured with this seed: 97 of 100 served.
    Given a superpeer network of 300 nodes
    And the seed is 1441
    When 100 searches run from random leaves
    Then at least 93% of the searches found a live leaf sharing the file
    And between 5% and 16% of the nodes are super-peers

  Scenario: Super-peers that drop every query cut off their clusters
    A dropping super-peer neither answers nor forwards, so it also cuts the floods among super-peers and hides
    its own leaves' files. Measured with this seed: 67 of 100 served (10 super-peers drop).
    Given a superpeer network of 300 nodes
    And 30% of the super-peers drop every query
    And the seed is 1442
    When 100 searches run from random leaves
    Then fewer than 85% of the searches found a live leaf sharing the file

  Scenario: Leaves attached to two super-peers are served more often when some super-peers drop every query
    A query goes to both parents, and a leaf's files are indexed by both, so a leaf is cut off only when both
    parents drop. Measured with this seed: 88 of 100 served, against 67 with one parent (the same seed, so the
    same malicious super-peers).
    Given a superpeer network of 300 nodes
    And 30% of the super-peers drop every query
    And leaves attach to 2 super-peers
    And the seed is 1442
    When 100 searches run from random leaves
    Then at least 85% of the searches found a live leaf sharing the file

  Scenario: Super-peers that poison every answer mislead their leaves
    Index poisoning (Liang, Naoumov and Ross, INFOCOM 2006) by compromised super-peers: 30% of the super-peers
    (4 with this seed) answer every query that reaches them with 10 decoys (records naming the file at
    addresses where nobody listens) and replace every hit they relay with decoys. Their own leaves find
    nothing, the files of their leaves are hidden, and every other leaf's answers are mostly decoys. Measured
    with this seed: 6.3% of the peers returned were live leaves sharing the file; 89 of 100 searches served
    (the poisoners hold few leaves with this seed; precision is what poisoning destroys, so it is what is
    asserted). No searches before the graded ones: without reputation nothing is learnt from them.
    Given a superpeer network of 100 nodes
    And 30% of the super-peers poison every query
    And the seed is 1443
    When 100 searches run from random leaves
    Then at most 10% of the peers returned were live leaves sharing the file

  Scenario: With reputation the leaves drop the decoys and move away from poisoning super-peers
    The same network and poisoners. Verification and reputation: a leaf checks every hit it did not drop by
    connecting to it, and reports only those that answer. It scores the super-peers involved: a super-peer
    whose own answers (a hit names the super-peer that answered it) all fail is distrusted at once, a parent
    loses a point when nothing it delivered passes and is left at -2. A distrusted super-peer's hits are
    dropped unchecked, and a leaf that leaves a parent picks first a super-peer that answered it well before.
    The first 300 searches (about 3 a leaf) teach, the next 100 are graded. Measured with this seed: 100% of
    the peers returned were real and 89 of 100 searches served (against 6.3% and 89 without reputation):
    the leaves' defence restores precision and loses no real answer; service does not move, because the
    poisoners still replace the hits they relay between honest super-peers, which no leaf can prevent.
    Given a superpeer network of 100 nodes
    And 30% of the super-peers poison every query
    And leaves keep a reputation of their super-peers
    And the seed is 1443
    When 300 searches run from random leaves
    And 100 searches run from random leaves
    Then at least 99% of the peers returned were live leaves sharing the file
    And at least 85% of the searches found a live leaf sharing the file

  Scenario: Sybil super-peers claiming the highest capacity take over the clusters of failed super-peers
    10 Sybil super-peers advertise capacity 999 and no load, link to every super-peer they learn of, and drop
    every query. The super-peers' refresh lists carry the claim to every leaf within 30 s. When half the honest
    super-peers fail, their orphaned leaves probe 5 super-peers drawn by the spare capacity advertised and take
    the best answer: a Sybil. Measured with this seed: 56.9% of the leaves captured, 40 of 100 searches served
    (47.6% and 54 before session 13's mesh refill and start-up rebalancing; without the Sybils, the same failure
    left 100 of 100 served).
    Given a superpeer network of 300 nodes
    And the seed is 1444
    When 300 searches run from random leaves
    And 10 Sybil super-peers claiming the highest capacity join
    And 40 seconds pass
    And 50% of the super-peers fail at once
    And 10 seconds pass
    Then at least 30% of the leaves have only Sybils as parents
    When 100 searches run from random leaves
    Then fewer than 75% of the searches found a live leaf sharing the file

  Scenario: Two parents and reputation keep the leaves out of the Sybils' hands
    The same attack on leaves with two parents and a reputation of super-peers: a leaf that lost a parent probes
    first the super-peers that answered its earlier searches well, and leaves a parent that returns nothing
    twice. The 300 searches before the attack teach which super-peers answer honestly. Measured with this seed:
    7.4% of the leaves captured, 85 of 100 searches served, at the floor (7.8% and 87 before session 13's mesh
    refill and start-up rebalancing; against 56.9% and 40 without the defences; the same failure without Sybils
    left 97 of 100 served with two parents).
    Given a superpeer network of 300 nodes
    And leaves attach to 2 super-peers
    And leaves keep a reputation of their super-peers
    And the seed is 1444
    When 300 searches run from random leaves
    And 10 Sybil super-peers claiming the highest capacity join
    And 40 seconds pass
    And 50% of the super-peers fail at once
    And 10 seconds pass
    Then at most 10% of the leaves have only Sybils as parents
    When 100 searches run from random leaves
    Then at least 85% of the searches found a live leaf sharing the file

  @loopback
  Scenario: Super-peers serve searches on real TCP connections
    Given a superpeer network of 40 nodes on the loopback runtime
    And the seed is 1445
    When the network has converged
    And 2 seconds pass
    And 50 searches run from random leaves
    Then at least 98% of the searches found a live leaf sharing the file

  # The malicious super-peers and the leaves' defences on real TCP connections: every node on its own 127.x
  # address in one JVM (loopback), or in containers on a labelled internal Docker network (docker). In containers
  # the searches go through each node's control interface (GET /v1/files, POST /v1/searches) and the chosen
  # super-peers turn malicious through POST /v1/malice: they are nodes running the real protocol, which then drop or
  # poison what they handle. On docker the network is 40 nodes (5 to 6 super-peers, 2 of which drop): with one
  # parent their leaves are cut off and the floods they should relay are lost; with two parents a leaf is cut off
  # only when both drop.
  # Why the dropping rows collect hits for 10 s in containers (session 14): with the default 2 s, two parents served
  # 51 of 100 in containers (session 13) although the network was whole: read back from the containers, 5
  # super-peers all linked to each other and every leaf held 2 parents. At 300 nodes in 30 containers (10 each,
  # load average 55 to 90) two parents served 23 of 100, on a mesh of 27 super-peers, connected, every leaf with
  # 2 parents. The same 40-node network with hits collected for 10 s served 100 of 100 (one run, load average 33 to
  # 57): the hits came back, but after the leaf had stopped collecting. On two cores shared by every container's
  # JVM a query's flood and its hits across up to 4 super-peer hops take longer than 2 s; in one JVM (simulated,
  # loopback) they do not. The docker rows therefore collect for 10 s; the loopback rows keep the default 2 s.
  # The docker rows run the 40 nodes 4 to a container (10 containers; every node still on its own TCP port of its
  # container's address, and every query crosses real connections between containers). Session 14: 2 runs in a row
  # of both rows passed, and in a third, at a load average of 54 to 75 from other jobs, a container did not open its
  # control port within 120 s. Session 15, with at most 6 containers starting at once (docs/docker.md): 10 runs in a
  # row of both rows passed (load average 19 to 37; one parent 53 to 79 of 100, two parents 78 to 100; 226 to 314 s
  # a run), so the two rows are no longer @wip (docs/superpeer.md).

  Scenario Outline: Super-peers that drop every query cut off their clusters (<runtime>)
    Measured on loopback: 59 to 66 of 100 served in 10 runs (simulated, the same seed: 67); after session 13's mesh
    refill and start-up rebalancing 32 to 73 in 10 runs (the 32 in a slow run whose leaves moved parents during the
    searches).
    Given a superpeer network of <nodes> nodes on the <runtime> runtime
    And the containers run <per> nodes each
    And the overlay parameter timeoutMillis is <collect>
    And 30% of the super-peers drop every query
    And the seed is <seed>
    When the network has converged
    And <wait> seconds pass
    And 100 searches run from random leaves
    Then fewer than <ceiling>% of the searches found a live leaf sharing the file

    @loopback
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | nodes | per | collect | seed | wait | ceiling |
      | loopback | 300   | 1   | 2000    | 1442 | 2    | 80      |

    @docker @slow
    Examples: in containers (40 nodes in 10 containers)
      | runtime | nodes | per | collect | seed | wait | ceiling |
      | docker  | 40    | 4   | 10000   | 1442 | 35   | 80      |

  Scenario Outline: Leaves attached to two super-peers are served more often when some super-peers drop every query (<runtime>)
    Measured on loopback: 82 to 90 of 100 served in 10 runs (simulated, the same seed: 88), the same after session 13's
    mesh refill and start-up rebalancing; real sockets add timing that the floor leaves room for.
    Given a superpeer network of <nodes> nodes on the <runtime> runtime
    And the containers run <per> nodes each
    And the overlay parameter timeoutMillis is <collect>
    And 30% of the super-peers drop every query
    And leaves attach to 2 super-peers
    And the seed is <seed>
    When the network has converged
    And <wait> seconds pass
    And 100 searches run from random leaves
    Then at least <floor>% of the searches found a live leaf sharing the file

    @loopback
    Examples: on loopback (one JVM, real TCP on 127.x addresses)
      | runtime  | nodes | per | collect | seed | wait | floor |
      | loopback | 300   | 1   | 2000    | 1442 | 2    | 75    |

    @docker @slow
    Examples: in containers (40 nodes in 10 containers)
      | runtime | nodes | per | collect | seed | wait | floor |
      | docker  | 40    | 4   | 10000   | 1442 | 35   | 75    |

  Scenario Outline: Super-peers that poison every answer mislead their leaves (<runtime>)
    30% of the super-peers poison every answer (on docker 2 of 5 or 6), without reputation.
    Given a superpeer network of <nodes> nodes on the <runtime> runtime
    And 30% of the super-peers poison every query
    And the seed is 1443
    When the network has converged
    And <wait> seconds pass
    And 100 searches run from random leaves
    Then at most 10% of the peers returned were live leaves sharing the file

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses; 7 and 17 s a run at a load average of 25, beyond the CI budget: ./testbed run --tags '@superpeer and @loopback')
      | runtime  | nodes | wait |
      | loopback | 100   | 2    |

    @docker @slow
    Examples: in containers (about 2 min a run on the shared machine, beyond the CI budget: ./testbed run --runtime docker --tags '@superpeer and @docker')
      | runtime | nodes | wait |
      | docker  | 40    | 35   |

  Scenario Outline: With reputation the leaves drop the decoys and move away from poisoning super-peers (<runtime>)
    Given a superpeer network of <nodes> nodes on the <runtime> runtime
    And 30% of the super-peers poison every query
    And leaves keep a reputation of their super-peers
    And the seed is 1443
    When the network has converged
    And <wait> seconds pass
    And 300 searches run from random leaves
    And 100 searches run from random leaves
    Then at least 99% of the peers returned were live leaves sharing the file

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses; 7 and 17 s a run at a load average of 25, beyond the CI budget: ./testbed run --tags '@superpeer and @loopback')
      | runtime  | nodes | wait |
      | loopback | 100   | 2    |

    @docker @slow
    Examples: in containers (about 2 min a run on the shared machine, beyond the CI budget: ./testbed run --runtime docker --tags '@superpeer and @docker')
      | runtime | nodes | wait |
      | docker  | 40    | 35   |

  # The Sybil super-peers on real TCP connections (session 17). On loopback the Sybils are nodes of the same code in
  # the harness' JVM at 127.201.50.x, as on the simulated runtime. In containers each Sybil is a node container of its
  # own (the same node host and super-peer code, with role=super, claimCapacity=999, superDegree=64, malice=drop) at
  # the lab network's attacker pool 0, hosts .200 up (SubnetPlan.attackerNode), joined through the bootstrap nodes;
  # the failures stop the chosen super-peers' node slots (POST /v1/stop), and the leaves' parents are read through
  # each node's GET /v1/superpeer/state. On docker the network is 40 nodes (4 to 6 honest super-peers, 2 or 3 fail):
  # 4 Sybils keep the simulated rows' proportion (10 Sybils to about 30 honest super-peers is one to three; 4 to 5
  # is more, because with 2 to 3 survivors a leaf's 5 probes reach every super-peer it knows, Sybils or not, and the
  # attack's mechanism, the claim of the highest capacity winning the probe, is what is measured). Hits are collected
  # 10 s in containers, as in the dropping rows.

  Scenario Outline: Sybil super-peers claiming the highest capacity take over the clusters of failed super-peers (<runtime>)
    The simulated scenario's attack on real sockets, without defence. Hits are collected 10 s (timeoutMillis) on both
    real-socket runtimes: with the default 2 s on loopback at a load average of 27, the defended row's searches before
    the attack served 10% (reputation then punished honest parents whose hits came late) against 50% at a load of 10.
    Measured on loopback (300 nodes, seed 1444, 16 of 32 super-peers fail): 55.4% of the leaves captured, 48 of 100
    served with 2 s; with 10 s, 10 runs in a row (2026-12-07, load average 6 to 37): 50.9% to 56.1% captured, 42 to
    56 served (simulated, the same seed: 56.9% and 40). In containers (10 runs in a row, 2026-12-07, load average 0.6
    to 123): 5 honest super-peers, 3 failed, 23 to 25 of 35 leaves (65.7% to 71.4%) captured, 12 to 35 of 100 served. The bounds are wide of these: at least
    30% (20% of 35 leaves in containers) captured, fewer than 75% (80%) served.
    Given a superpeer network of <nodes> nodes on the <runtime> runtime
    And the containers run <per> nodes each
    And the overlay parameter timeoutMillis is <collect>
    And the seed is 1444
    When the network has converged
    And <wait> seconds pass
    And <teach> searches run from random leaves
    And <sybils> Sybil super-peers claiming the highest capacity join
    And 40 seconds pass
    And 50% of the super-peers fail at once
    And 10 seconds pass
    Then at least <captured>% of the leaves have only Sybils as parents
    When 100 searches run from random leaves
    Then fewer than <ceiling>% of the searches found a live leaf sharing the file

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses; about a minute of real waits)
      | runtime  | nodes | per | collect | wait | teach | sybils | captured | ceiling |
      | loopback | 300   | 1   | 10000   | 2    | 300   | 10     | 30       | 75      |

    @docker @slow
    Examples: in containers (40 nodes in 10 containers, 4 Sybil containers; 10 runs in a row passed on main after the session-17 merges: 3 at 16:50-17:04 UTC, 7 more at 17:38-18:36 UTC, load 0.6 to 123, 283 to 545 s a pair)
      | runtime | nodes | per | collect | wait | teach | sybils | captured | ceiling |
      | docker  | 40    | 4   | 10000   | 35   | 100   | 4      | 20       | 80      |

  Scenario Outline: Two parents and reputation keep the leaves out of the Sybils' hands (<runtime>)
    The same attack on leaves with two parents and reputation, after searches that teach (300 on loopback as
    simulated, 100 among the 35 leaves in containers). Measured on loopback with 10 s, 10 runs in a row: 5.2% to 7.4%
    captured, 92 to 98 of 100 served (simulated: 7.4% and 85); with 2 s hit windows 11.5% and 25.3% captured in two runs (the simulated bound of 10% does not hold on real sockets,
    so the loopback bound is 20%, still far below the 53% to 56% without the defence). In containers (10 runs in a row):
    0 to 3 of 35 leaves (0% to 8.6%) captured against 65.7% to 71.4% without the defence, 83 to 100 of 100 served; the
    bound is 15% (5 leaves).
    Given a superpeer network of <nodes> nodes on the <runtime> runtime
    And the containers run <per> nodes each
    And the overlay parameter timeoutMillis is <collect>
    And leaves attach to 2 super-peers
    And leaves keep a reputation of their super-peers
    And the seed is 1444
    When the network has converged
    And <wait> seconds pass
    And <teach> searches run from random leaves
    And <sybils> Sybil super-peers claiming the highest capacity join
    And 40 seconds pass
    And 50% of the super-peers fail at once
    And 10 seconds pass
    Then at most <captured>% of the leaves have only Sybils as parents
    When 100 searches run from random leaves
    Then at least <floor>% of the searches found a live leaf sharing the file

    @loopback @slow
    Examples: on loopback (one JVM, real TCP on 127.x addresses; about a minute of real waits)
      | runtime  | nodes | per | collect | wait | teach | sybils | captured | floor |
      | loopback | 300   | 1   | 10000   | 2    | 300   | 10     | 20       | 60    |

    @docker @slow
    Examples: in containers (40 nodes in 10 containers, 4 Sybil containers; 10 runs in a row passed on main after the session-17 merges: 3 at 16:50-17:04 UTC, 7 more at 17:38-18:36 UTC, load 0.6 to 123, 283 to 545 s a pair)
      | runtime | nodes | per | collect | wait | teach | sybils | captured | floor |
      | docker  | 40    | 4   | 10000   | 35   | 100   | 4      | 15       | 60    |
