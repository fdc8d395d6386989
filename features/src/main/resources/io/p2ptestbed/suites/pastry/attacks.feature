@pastry @security
Feature: Eclipse, id suppression and misrouting on Pastry, each with its defence off and on
  Attackers run the real Pastry protocol on the same network as the honest nodes and act through the
  adversary's transport (PastryLiar): they answer pings and join like anyone, and lie about routes and
  state. A lookup succeeds when it ends at the key's numerically closest honest live node.

  Background:
    Given a pastry network of 300 nodes
    And the seed is 62

  @slow
  Scenario: Sybils ground into a victim's leaf set and routing-table rows eclipse it
    24 Sybils with chosen ids: 16 closer to the victim than any honest node (8 on each side), which take
    its whole leaf set, and 8 at the fixed points of row 0's slots. They give only fellow Sybils as state
    and end every route they are handed with a set of Sybils. With proximity, a Sybil takes a row slot only
    when it measures nearer than the honest entry. We measured 31% of the victim's neighbours Sybils (its
    whole leaf set) and 97.5% of its 200 lookups reaching the right node; the next scenario, with certified
    ids, 0% and 100%. Before the join rework (2026-12-06) 83% of the lookups were right: a node then probed
    every contact named in the state it was sent, so the Sybils the poisoned rows and leaf sets named were
    measured and took the table slots they were nearer for; now a node measures only the candidates it asks
    for and the nodes that announce themselves, and most routes leave through honest table entries.
    Since a node's pong asks a newcomer back instead of probing it with a ping of its own (2026-12-06, 19:00 UTC),
    the victim knows two more honest nodes: 16 Sybils (still its whole leaf set) among 54 neighbours, 29.6%, so the
    bound moved from "more than 30%" to "more than 25%".
    When the network has converged
    And node 150 is called "victim"
    And 24 Sybils that poison routing state are ground into the leaf set and routing-table rows of node "victim"
    And 1 minutes pass
    Then node "victim"'s neighbour set holds more than 25% adversary contacts
    When node "victim" routes 200 random keys
    Then lookup success is below 99%

  @slow
  Scenario: With certified ids the ground Sybils are refused and the victim routes correctly
    The same Sybils, but honest ids are the hash of the address and every honest node refuses a sender or
    a contact whose id is not: chosen ids are refused, so none enters the victim's state.
    Given the defences "bindIds" are on
    When the network has converged
    And node 150 is called "victim"
    And 24 Sybils that poison routing state are ground into the leaf set and routing-table rows of node "victim"
    And 1 minutes pass
    Then node "victim"'s neighbour set holds at most 0% adversary contacts
    And the honest nodes counted at least 1 "defence.pastry.refused_unbound" in total
    When node "victim" routes 200 random keys
    Then lookup success is at least 99%

  Scenario: Sybils ground around a node suppress its id and the routes to its keys end elsewhere
    16 Sybils closer to the target than any honest node never name it in what they send and never
    forward a route to it: a route that reaches one of them ends at the next closest node. We measured 0
    of 200 routes to keys the target owns reaching it; with certified ids (next scenario, @slow) 200 of 200.
    In the default suite since the join rework: 7.7 s on the loaded development machine.
    When the network has converged
    And node 120 is called "target"
    And 16 Sybils ground around node "target" suppress its id
    And 1 minutes pass
    And 200 random keys near node "target" are routed from random nodes
    Then lookup success is below 60%

  @slow
  Scenario: With certified ids the suppressing Sybils cannot sit around the target
    Given the defences "bindIds" are on
    When the network has converged
    And node 120 is called "target"
    And 16 Sybils ground around node "target" suppress its id
    And 1 minutes pass
    And 200 random keys near node "target" are routed from random nodes
    Then lookup success is at least 99%

  Scenario: Misrouting colluders make plain routes fail
    A fifth of the members turn malicious and end every route they are handed, naming colluders as the
    key's root. A key whose closest node is a colluder has no honest owner to reach, so even a perfect
    defence stays below 80%. We measured 64.4% of 500 lookups reaching the right node.
    When the network has converged
    And 20% of the nodes turn into Pastry colluders that misroute
    And 30 seconds pass
    And 500 random lookups run
    Then lookup success is below 70%
    And the Pastry colluders lied at least 100 times

  Scenario: The routing failure test catches misrouted routes and redundant routing recovers them
    Castro et al.'s secure routing primitive: every route is checked at its origin; the set the colluders answer
    with is about five times sparser than the origin's own leaf set, so the test fails it (gamma = 2), and the
    route is redone by the paper's redundant routing, the neighbour-set anycast with constrained routing tables
    (since 2026-12-07; before, the copies went on to the key's root: "test-leafset"). Lookup success counts the
    answer's closest node, which for a key whose closest node is a colluder is that colluder (the anycast returns
    the key's true replica set, colluders included), so it stays at the share of keys whose closest node is
    honest: 80.0% (79.8% with the leaf-set fallback; 64.4% without the defences). Recall (k = 1: the answer names
    the key's closest honest node) went from 79.8% to 100% of 500 lookups; it costs 39.2 messages per lookup
    (34.7 before) and latency p95 700 ms (511). The same seed gives the same run whatever TESTBED_LAB_PORT says:
    simulated nodes use the fixed port 6881 (issue 12: earlier their port, and with certified ids their ids, came
    from the environment).
    Given the defences "bindIds,constrainedTable,secureRouting=test" are on
    When the network has converged
    And 20% of the nodes turn into Pastry colluders that misroute
    And 30 seconds pass
    And 500 random lookups run
    Then lookup success is at least 75%
    And recall of the k closest is at least 99%
    And the honest nodes counted at least 50 "defence.pastry.failure_test_failed" in total
