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
