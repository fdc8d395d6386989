@index
Feature: A central index (Napster, a tracker): its single point of failure, floods and poisoning
  The index overlay: the first node is the index, every other peer registers its files with it over UDP
  (its own strict binary codec), registers again every minute, and searches it; the index answers a search
  with a random subset of at most 5 of the peers listed for the file. A search is served when its answer
  names a live peer that shares the file. The service lost is one minus the share served now over the share
  served in the scenario's first batch of searches. The index's capacity is modelled (requests per second,
  accounted per 100 ms, excess dropped), as the simulator has no CPU to exhaust. Rate limiting is the
  neutral defence (per source IP, 20 requests per second, burst 40); the registration check lists a
  registration only after the registered address answers a probe naming the registration.

  Scenario: Every search is served while the index lives, and none once it fails
    Given an index network of 200 nodes
    And the seed is 1431
    When 100 searches run from random peers
    Then at least 99% of the searches found a live peer sharing the file
    When the index fails
    And 100 searches run from random peers
    Then fewer than 1% of the searches found a live peer sharing the file
    And the share of service lost is at least 99%

  Scenario: A query flood on the index costs the honest peers most of their service
    Given an index network of 200 nodes
    And the index can process at most 500 requests per second
    And the seed is 1432
    When 100 searches run from random peers over 10 seconds
    Then at least 99% of the searches found a live peer sharing the file
    When the adversary floods the index with 5000 searches per second from 1 addresses for 10 seconds while 200 searches run from random peers
    Then the share of service lost is at least 70%

  Scenario: With rate limiting the flooded index still serves its honest peers
    Given an index network of 200 nodes
    And the index can process at most 500 requests per second
    And the defences "rate-limit" are on
    And the seed is 1432
    When 100 searches run from random peers over 10 seconds
    When the adversary floods the index with 5000 searches per second from 1 addresses for 10 seconds while 200 searches run from random peers
    Then the share of service lost is at most 2%
    And node "n0" counted at least 40000 "dropped.guard"

  Scenario: Fake registrations poison the answers
    Given an index network of 200 nodes
    And the seed is 1433
    When 100 searches run from random peers
    And the adversary registers 50 fake peers for every file
    And 100 searches run from random peers
    Then at most 30% of the peers returned were live peers sharing the file

  Scenario: With the registration check fake registrations never reach the answers
    Given an index network of 200 nodes
    And the index lists a registration only after the registered address answers a probe
    And the seed is 1433
    When 100 searches run from random peers
    And the adversary registers 50 fake peers for every file
    And 100 searches run from random peers
    Then at least 99.9% of the peers returned were live peers sharing the file
    And at least 99% of the searches found a live peer sharing the file

  @loopback
  Scenario: The index serves its peers on real UDP sockets
    Given an index network of 40 nodes on the loopback runtime
    And the index lists a registration only after the registered address answers a probe
    And the seed is 1434
    When the network has converged
    And 2 seconds pass
    And 100 searches run from random peers
    Then at least 99% of the searches found a live peer sharing the file
    And at least 99.9% of the peers returned were live peers sharing the file

  # The attacks and defences above, on real sockets: every node on its own 127.x address in one JVM (loopback), or
  # every node a container of its own on a labelled internal Docker network (docker). In containers the searches go
  # through each node's control interface (GET /v1/files, POST /v1/searches), and the attackers are index peers of
  # the harness whose UDP sockets live in attacker containers (docs/docker.md): the poisoner's fake registrations and
  # the flood's queries leave an attacker container in the index's own codec. The poisoner's fake peers are
  # addresses where nobody listens: closed ports of 127.202.0.0 and up on loopback, closed ports (30000 and up) of
  # the poisoner's own container on docker.

  Scenario Outline: Fake registrations poison the answers (<runtime>)
    Measured: 15.2% to 20.6% of the peers returned were real on loopback in 10 runs (200 nodes; 17.8% simulated with
    the same seed), 3.6% to 15.5% in 10 runs on docker (30 containers, where each file has fewer real sharers).
    Given an index network of <nodes> nodes on the <runtime> runtime
    And the seed is 1433
    When the network has converged
    And 2 seconds pass
    And 100 searches run from random peers
    And the adversary registers 50 fake peers for every file
    And 100 searches run from random peers
    Then at most 30% of the peers returned were live peers sharing the file

    @loopback
    Examples: on loopback (one JVM, real UDP on 127.x addresses)
      | runtime  | nodes |
      | loopback | 200   |

    @docker @slow
    Examples: in containers (the poisoner's socket in an attacker container; about 80 s a run at a load average of 23, beyond the CI budget: ./testbed run --runtime docker --tags '@index and @docker')
      | runtime | nodes |
      | docker  | 30    |

  Scenario Outline: With the registration check fake registrations never reach the answers (<runtime>)
    The index probes every registered address from its own socket; a fake address never answers.
    Given an index network of <nodes> nodes on the <runtime> runtime
    And the index lists a registration only after the registered address answers a probe
    And the seed is 1433
    When the network has converged
    And 2 seconds pass
    And 100 searches run from random peers
    And the adversary registers 50 fake peers for every file
    And 100 searches run from random peers
    Then at least 99.9% of the peers returned were live peers sharing the file
    And at least 99% of the searches found a live peer sharing the file

    @loopback
    Examples: on loopback (one JVM, real UDP on 127.x addresses)
      | runtime  | nodes |
      | loopback | 200   |

    @docker
    Examples: in containers (the poisoner's socket in an attacker container)
      | runtime | nodes |
      | docker  | 30    |

  # The index's single point of failure and the flood on it, on real sockets. The flood's sources are index peers of
  # the harness in the attacker range (loopback: 127.201.40.x at the lab port; docker: sockets in an attacker container),
  # bounded in rate, count and time; the index's capacity is modelled as in the simulator. The rates are lower than
  # the simulated rows' (index capacity 50 or 100 requests per second, flood 1,000 a second), so that the one
  # machine that runs every node, the flood and the harness keeps up with them. Without the defence
  # the floor is 25% of the service lost (the simulated row: 70%): on one loaded machine the flood's datagrams and the
  # honest ones also queue and drop in the kernel and the JVM before the index's modelled capacity: the loss was 37%
  # to 54% at load averages of 40 to 50 in trial runs, 53% to 81% in the 10 runs in a row that passed (load 10 to
  # 42); with the rate limit 0% to 2%. The service lost is measured
  # against the first batch of searches (with 40 peers a few files have no other sharer, so that batch is not always
  # complete). The flood's source sends what is due at its rate at every tick, so a late tick catches up. The rate
  # limit's drop count follows from the flood's own count S (what its sources sent the index, counted at their
  # sockets: at most 1,000/s x 5 s = 5,000 queries, plus one registration each) and the token bucket of the flood's
  # one source address (20/s, burst 40), which admits at most a = 40 + 20 x 6 = 160 in the flood's 5 s plus 1 s for
  # queries still queued at its end. Of what reached the index from the addresses it held back (counted by the rate
  # limit itself: at most S), it admits at most a and drops the rest: dropped is at least arrived - a and at most S
  # (honest peers each have an address of their own and stay far under 20/s). A floor of S - a on the drops alone
  # fails whenever the kernel loses part of the flood before the index reads it: on loopback it held (4,861 or 4,862
  # of 5,000 dropped in 10 runs), in a fresh index container it did not (3,490: about 1,350 lost); the same floor on
  # the capacity's drops without the rate limit failed in a cold JVM on loopback (703 shed), so that row asserts the
  # service lost only.

  Scenario Outline: Searches are served while the index lives on real sockets, and none once it fails (<runtime>)
    While the index lives, 100% of the searches were served in 4 of 5 loopback runs and 80% in the fifth (at a load
    average of 42 some searches went unanswered in time); hence the floor of 60% before the failure.
    Given an index network of <nodes> nodes on the <runtime> runtime
    And the seed is 1431
    When the network has converged
    And 2 seconds pass
    And 100 searches run from random peers
    Then at least 60% of the searches found a live peer sharing the file
    When the index fails
    And 100 searches run from random peers
    Then fewer than 1% of the searches found a live peer sharing the file
    And the share of service lost is at least 99%

    @loopback @slow
    Examples: on loopback (one JVM, real UDP on 127.x addresses)
      | runtime  | nodes |
      | loopback | 40    |

    @docker @slow
    Examples: in containers (every peer a container; the index's is killed; 10 runs in a row passed)
      | runtime | nodes |
      | docker  | 20    |

  Scenario Outline: A query flood on the index over real sockets costs the honest peers most of their service (<runtime>)
    Given an index network of <nodes> nodes on the <runtime> runtime
    And the index can process at most 50 requests per second
    And the seed is 1432
    When the network has converged
    And 2 seconds pass
    And 50 searches run from random peers over 5 seconds
    When the adversary floods the index with 1000 searches per second from 1 addresses for 5 seconds while 100 searches run from random peers
    Then the share of service lost is at least 25%

    @loopback @slow
    Examples: on loopback (one JVM, real UDP on 127.x addresses)
      | runtime  | nodes |
      | loopback | 40    |

    @docker @slow
    Examples: in containers (the flood's source a socket in an attacker container; 10 runs in a row passed)
      | runtime | nodes |
      | docker  | 20    |

  Scenario Outline: With rate limiting the flooded index still serves its honest peers over real sockets (<runtime>)
    Given an index network of <nodes> nodes on the <runtime> runtime
    And the index can process at most 100 requests per second
    And the defences "rate-limit" are on
    And the seed is 1432
    When the network has converged
    And 2 seconds pass
    And 50 searches run from random peers over 5 seconds
    When the adversary floods the index with 1000 searches per second from 1 addresses for 5 seconds while 100 searches run from random peers
    Then the share of service lost is at most 5%
    And the index's rate limit dropped every flood query beyond its per-source burst and rate

    @loopback @slow
    Examples: on loopback (one JVM, real UDP on 127.x addresses)
      | runtime  | nodes |
      | loopback | 40    |

    @docker @slow
    Examples: in containers (the rate limit installed in every node container at its start, --defences; the flood's source a socket in an attacker container; 10 runs in a row passed)
      | runtime | nodes |
      | docker  | 20    |
