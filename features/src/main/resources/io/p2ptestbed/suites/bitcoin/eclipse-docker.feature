@bitcoin @security @docker @slow
Feature: Heilman et al.'s eclipse of a Bitcoin node in containers, without and with Bitcoin Core's countermeasures
  The attack of eclipse-loopback.feature on the docker runtime: 20 honest Bitcoin nodes, each its own JVM in its own
  container on the run's labelled internal network, and 1,000 attacker addresses, a botnet over the lab network's
  240 honest /24s (SubnetPlan.botnet: hosts .100 to .199 of each honest /24, which no honest container gets), all
  carried by one attacker container: each address is added to its interface and is a real TCP endpoint there
  running the adversary's unchanged BitcoinSybil (the socket host's stream endpoints; every connect passes the lab
  guard, in the harness and in the container). The victim is read and restarted through its control interface
  (GET /v1/peers, GET /v1/bitcoin/addrman, POST /v1/restart). The attack, its wall-clock scaling and its success criterion
  are the loopback rows' (2 rounds of 8 s, visits closed 200 ms after the handshake, 16 trash addresses a visit, the
  restart 2 s after the last round, down 1 s, the victim's Bitcoin clock moved on 1,198 s, its 117 inbound slots
  held at once, outbound connections counted once filled, at most 45 s; eclipsed: the attacker holds all of them).
  Differences, stated: the lab network is one /16, so the nodes' network group is their /24 (the overlay parameter
  groupBits is 24; Core and the paper use /16s): 240 groups instead of the loopback rows' 250 /16s, each honest
  container in a /24 of its own; 1,000 attacker addresses instead of 2,000 (one container carries them); the trash
  (hosts .200 to .253 of the honest /24s, where nothing listens) times out on ARP instead of being refused at once
  as on loopback, so a victim trying it waits up to the connect timeout. Not landed: neither row has run 10 times in a
  row (docs/bitcoin.md, "Session 15"). The 0.9.3 row: before session 15's fix of 0.9.3's pick within a bucket (which
  favoured a bucket's oldest entry, the victim's honest peers) 2 of 3 runs passed in session 15 (attacker shares 0.25,
  failed, then 0.667 and 0.667; 0.833 in session 14); with the fix 1 passed (the victim eclipsed: 6 of 6), 1 skipped (the engine did not answer the runtime's 3 s probe), 1 failed on a race in the attack's wait (fixed, not re-run). Today's Core: 1 of 1 in session 15 and 1
  of 1 in session 14 (0 of 8 outbound connections both times).
  Session 16 (docs/bitcoin.md, "Session 16"), both rows @wip: the 0.9.3 row passed 4 runs in a row on main's code (the
  attacker's share 1.0, 1.0, 0.857, 1.0), then failed at load average 43 to 69 (1 of 8, tried 78% the attacker's; cause
  not established); with the victims' restart now waiting until the attack's visits have landed, 6 of 6 in a row passed
  (too few: 10 are needed). Today's Core: 2 of 2 in a row (0 of 7 both times), on the code before that wait.
  Then, on main after all session-16 merges, at load average 1.3 to 3.0: the 0.9.3 row passed 10 of 10 in a row (the
  victim eclipsed every time, 100% of its outbound connections the attacker's, 127 to 139 s a run), so it is no
  longer @wip; today's Core stays @wip.
  Session 17 (dock13): today's Core passed 10 runs in a row (2026-12-07, 15:05-15:37 UTC, load average 8.1 to 32.5,
  130 to 242 s a run; 0 of 8 outbound connections and 0% of tried the attacker's every time, while the attacker's
  addresses opened 2,012 to 2,117 connections to the victim and held 107 to 117 of its 117 inbound slots at the measurement,
  now recorded as attacker_connections_opened and attacker_open_connections), so it is no longer @wip.
  Session 17 (the lead, after the merges): the row now also asserts that the attack reached the victim, at least
  100 connections held (117 are its inbound slots): the 10 runs above held 107 to 117, so none would have failed it; a
  run where the attack never arrived (a share of 0 that proves nothing) now fails. With the new step the row passed
  10 of 10 in a row on main (2026-12-07 16:25-16:48 UTC, load 7.4 to 17.6, 107 to 154 s a run): 117 held and 2,117
  opened every run, 0 of 8 outbound and 0% of tried the attacker's.

  Background:
    Given a bitcoin network of 20 nodes on the docker runtime
    And the overlay parameter groupBits is 24
    And the seed is 1411

  Scenario: In containers, 1,000 attacker addresses over 240 /24s fill a bitcoind 0.9.3 victim's tried table and take over a quarter of its outbound connections
    Given the overlay parameter newBuckets is 256
    And the overlay parameter triedBuckets is 64
    And the overlay parameter deterministicBuckets is false
    And the overlay parameter timestampBias is true
    And the overlay parameter testBeforeEvict is false
    And the overlay parameter feelers is false
    And the overlay parameter anchors is false
    And the overlay parameter inboundToTried is true
    When 15 seconds pass
    And node 5 is called "victim"
    And 1000 attacker addresses run Heilman's eclipse on node "victim"
    Then node "victim"'s neighbour set holds more than 25% adversary contacts

  Scenario: In containers, the same attack on today's Bitcoin Core gets none of the victim's outbound connections
    When 15 seconds pass
    And node 5 is called "victim"
    And 1000 attacker addresses run Heilman's eclipse on node "victim"
    Then node "victim"'s neighbour set holds at most 0% adversary contacts
    And the attacker's addresses held at least 100 connections to the victim
