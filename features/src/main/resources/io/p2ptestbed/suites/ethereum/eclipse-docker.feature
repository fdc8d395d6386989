@ethereum @security @docker @slow
Feature: Marcus et al.'s eclipse of an Ethereum node in containers
  The two rows of eclipse-loopback.feature in containers: 12 honest nodes, each a JVM in its own container on
  the run's internal Docker network (discovery v4 over real UDP, devp2p over real TCP), and the attacker's 30
  ids on 2 IP addresses, as in the paper ("only two hosts, each with a single IP address"): two attacker
  containers, the socket hosts of the lab network's first two attacker pools (each its own /24, at .254),
  each holding 15 ids, every id a UDP socket and a TCP listener of its own at ports 30304 to 30318 in its
  container. The adversary's code (EthSybil) is the one that runs on the other runtimes; it drives those
  sockets from the harness, and the lab guard refuses any target outside the run's lab network. The victim is
  read and restarted through its container's control interface (GET /v1/peers, GET /v1/ethereum/table, POST
  /v1/restart: the table emptied, the db kept, down for 1 s), not by restarting its container (geth
  keeps its nodes directory on disk; the node keeps its db in memory). The ids ping the victim over 10 s, it
  restarts 3 s later, and the ids at once take its slots; counted 20 s after the restart.
  Differences from the paper: 12 honest nodes that stay online (the paper attacked live geth nodes of the
  main network), 30 random ids (not ground for buckets), a 10 s poisoning and a 3 s gap (the paper's attacker
  has hours). Since session 15 every devp2p connection speaks RLPx (the attacker's ids too); the runs
  below were made before it, and the lead re-runs the rows (docs/ethereum.md). Differences from loopback: every honest node has a
  /24 of its own (SubnetPlan), not one /16 of 127.0.0.0/8, and the honest containers start one after another
  over tens of seconds, so the network is older when the attack starts. Tagged slow: 3 to 7 minutes a run
  on the shared machine. The geth 1.7 row passed 10 runs in a row on main (2026-12-07, 06:51-07:04 UTC,
  load average 0.2 to 3.2, 74 to 85 s a run; the attacker held 25 of the victim's 25 peers in every run), after
  7 in a row on the helper's branch at load 25 to 104 (84% to 100%). The geth 1.8 row stays wip until it has
  passed 10 runs in a row: it passed the one run it had (69.6% of 23 peers; docs/ethereum.md). Session 16 (with RLPx):
  1 passed (but the attacker held 0 of the victim's 11 peers: the attack did not take its slots at load average 50 to
  75), then 1 failed before the attack (a node container not joined within the runtime's 120 s at load average 111).
  Session 17 (dock13): the geth 1.8 row now also asserts that the attack took place (more than 50% of the victim's
  peers the attacker's) and passed 10 runs in a row (2026-12-07, 14:32-15:06 UTC, load average 5.6 to 38.6, 153 to
  262 s a run): the attacker held all 17 inbound slots and 3 to 6 of the 8 dialled ones, 80% to 92% of 25 peers, never
  all of them; it is no longer wip (docs/ethereum.md, "Session 17").

  Scenario: In containers, 30 ids on 2 attacker hosts take most slots of a restarting geth 1.7 node
    Given an ethereum network of 12 nodes on the docker runtime
    And the overlay parameter dialRatio is 0
    And the overlay parameter buckets is 257
    And the overlay parameter ipLimits is false
    And the overlay parameter seedAge is false
    When 5 seconds pass
    And node 5 is called "victim"
    And 30 attacker ids on 2 IP addresses run Marcus's eclipse on node "victim", restarting it 3 seconds after they pinged it
    Then node "victim"'s neighbour set holds more than 80% adversary contacts

  Scenario: In containers, geth 1.8's countermeasures keep honest peers at a restarting node
    geth 1.8's defaults with the seed age scaled from 5 minutes to 20 s (copies every 2 s), as on loopback.
    The paper's criterion is asserted: not eclipsed, i.e. at least one honest peer (of at most 25 peers, any
    share below 100% is at most 96%). And that the attack took place: geth 1.8 leaves its 17 inbound slots (of 25)
    to whoever dials first, so the attacker's ids hold more than half of the victim's peers (a share of 0, as in a
    session-16 run, would mean they never reached it; simulated 72% of 25, loopback 84% to 88%).
    Given an ethereum network of 12 nodes on the docker runtime
    And the overlay parameter seedAgeMillis is 20000
    When 25 seconds pass
    And node 5 is called "victim"
    And 30 attacker ids on 2 IP addresses run Marcus's eclipse on node "victim", restarting it 3 seconds after they pinged it
    Then node "victim"'s neighbour set holds more than 50% adversary contacts
    And node "victim"'s neighbour set holds at most 96% adversary contacts
