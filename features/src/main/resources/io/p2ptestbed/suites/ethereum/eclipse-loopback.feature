@ethereum @security @loopback @slow
Feature: Marcus et al.'s eclipse of a geth 1.7 node on real sockets
  The attack of eclipse.feature on the loopback runtime: the honest nodes and the attacker's 30 ids (2 IP
  addresses in 127.54.0.0/16, one port per id) each have a real UDP socket and a real TCP listener; the
  ids ping the victim over 10 s, the victim restarts 3 s later, and the ids at once take its slots. A
  geth 1.7 node (inbound connections may take all 25 slots) loses them before its first dial. The bound
  is 80% because honest peers that reconnect within the first milliseconds keep their slots; in 10 runs
  in a row the attacker held all 25 of the victim's peers every time (docs/ethereum.md). Tagged slow:
  about 40 s a run.

  Scenario: On real sockets, 30 ids on 2 IP addresses take most slots of a restarting geth 1.7 node
    Given an ethereum network of 12 nodes on the loopback runtime
    And the overlay parameter dialRatio is 0
    And the overlay parameter buckets is 257
    And the overlay parameter ipLimits is false
    And the overlay parameter seedAge is false
    When 5 seconds pass
    And node 5 is called "victim"
    And 30 attacker ids on 2 IP addresses run Marcus's eclipse on node "victim", restarting it 3 seconds after they pinged it
    Then node "victim"'s neighbour set holds more than 80% adversary contacts

  Scenario: On real sockets, geth 1.8's countermeasures keep honest peers at a restarting node
    Geth 1.8's defaults (a dial ratio of 3, the table's IP limits, seeds only from nodes that stayed in the
    table), with one change said here: a node becomes a seed after 20 s in the table instead of geth's 5
    minutes (and the table is copied every 2 s instead of 30 s, the same tenth), to fit a run of about a
    minute. The honest nodes have been in the victim's table for more than 20 s when the attack starts;
    the attacker's ids, which ping it over 10 s before the restart, have not. Without the seed-age rule (the
    row above, geth 1.7) the restarted victim's db is full of attacker ids; with it, the victim seeds its
    table with honest nodes, and dials a third of its slots from a table where the IP limits keep the
    attacker's 2 addresses to 10 entries. The paper's criterion is asserted: not eclipsed, i.e. at least one
    honest peer (of at most 25 peers, any share below 100% is at most 96%). The attacker still takes the
    inbound slots: in 10 runs in a row it held 72% to 95.5% of the victim's 21 to 25 peers (median 89%), and
    never all of them; the geth 1.7 row above held 100% in each of those runs.
    Given an ethereum network of 12 nodes on the loopback runtime
    And the overlay parameter seedAgeMillis is 20000
    When 25 seconds pass
    And node 5 is called "victim"
    And 30 attacker ids on 2 IP addresses run Marcus's eclipse on node "victim", restarting it 3 seconds after they pinged it
    Then node "victim"'s neighbour set holds at most 96% adversary contacts
