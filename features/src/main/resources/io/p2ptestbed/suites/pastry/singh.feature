@pastry @security @paper
Feature: Singh et al.'s Eclipse attack on Pastry, without and with degree bounds enforced by anonymous auditing
  Singh, Ngan, Druschel and Wallach, "Eclipse Attacks on Overlay Networks: Threats and Defenses" (INFOCOM 2006).
  A fifth of the nodes (f = 0.2, never bootstrap nodes) are attackers from the start. They run the real Pastry
  protocol and try to fill the honest routing tables: every leaf set and row they send names fellow attackers
  that fit the asker's table (one per slot of the row asked for), they ping 4 honest nodes they have heard from
  every second so that those offer them a slot, and they accept every link request. What is measured, as in the
  paper, is the share of attacker entries among all entries of the honest nodes' routing tables (leaf sets not
  counted), sampled against virtual time.
  The defence (Pastry parameters degreeBound and audit): every node keeps a back-pointer set (the nodes whose
  table holds it, told by a LINK message); an honest node accepts at most degreeBound back-pointers and keeps its
  own table within degreeBound. With audit=on, every 2 s a node audits one random table entry (its back-pointer
  set) and one random back-pointer (its neighbour set), with 4 challenges each, each through its own anonymizer,
  a random member of the auditor's leaf set. The answer must hold at most degreeBound contacts and include the
  auditor; one failed challenge fails the audit, and the auditor drops the node from its table and keeps it out.
  An attacker cannot tell the auditor from the anonymizer, so it answers with degreeBound of its honest
  back-pointers drawn at random; when the anonymizer is a fellow attacker it names the auditor.
  We could not read the paper's evaluation with our search tool (only its abstract and introduction): its figure,
  N, bound factor, audit rate and number of challenges are not copied here; the values above are ours. The paper's
  text states that biased neighbour information lets a modest number of malicious nodes eclipse many correct
  nodes, that an attacker must have a higher than average degree, and that enforcing a degree bound by anonymous
  auditing is an effective defence.
  What we measured (N = 200, sampled every 30 s for 4 minutes after the network formed; the mean honest table
  holds 22-24 entries, so the bound 24 is about 1.0-1.1 times the expected degree), after Pastry's join rework
  (newcomers take what they learn in passing without probing it, so biased rows are no longer filtered by a probe
  of every contact): without any bound the attackers hold 31.5% of the honest entries at the start, 33.9% at
  1 minute and 27.6% at 4 minutes, against f = 20%. With the bound audited they start at 43.7% (honest nodes at
  the bound refuse links, attackers accept everything) and are caught and dropped: 28.3% at 2 minutes, 22.4% at 4
  and still falling (69 honest nodes banned by honest auditors over the 4 minutes: links that changed while a
  challenge was in flight). Before the join rework the same rows gave 18.7% without a bound (every node knew nearly
  every node and probed it, so proximity selection ignored the biased rows) and 18.5% audited. The paper's larger
  networks, where a node knows few candidates per slot, are not reproduced: N = 1,000 was too slow here.
  With the bound and no audit (@slow, measured before the join rework) the attackers' mean in-degree from honest
  nodes rose to 31.8, above the bound, and their share to 25%.
  Curves: pastry/singh-<curve>.csv, charted in the report.

  Background:
    Given a pastry network of 200 nodes
    And the seed is 71

  Scenario: Without degree bounds the attackers hold more than their share of the honest routing tables
    Given 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 30 seconds for 4 minutes
    And the Singh curve "no bound" is written to "pastry/singh-no-bound.csv"
    Then the malicious share of the honest routing tables ends above 25%

  @slow
  Scenario: With a degree bound that nobody audits the attackers take the links honest nodes refuse
    Given the defences "degreeBound=24" are on
    And 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 30 seconds for 4 minutes
    And the Singh curve "degree bound 24, not audited" is written to "pastry/singh-bound-unaudited.csv"
    Then the malicious share of the honest routing tables ends above 23%
    And the attackers' mean in-degree from honest nodes is above 24
    And the honest nodes counted at least 100 "defence.pastry.links_refused" in total

  Scenario: With the degree bound audited anonymously the attackers are caught and their share falls toward f
    Given the defences "degreeBound=24,audit=on" are on
    And 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 30 seconds for 4 minutes
    And the Singh curve "degree bound 24, audited" is written to "pastry/singh-audited.csv"
    Then the malicious share of the honest routing tables ends at most 24%
    And the attackers' mean in-degree from honest nodes is at most 28
    And honest auditors banned at least 300 attackers
    And honest auditors banned at most 100 honest nodes
    And the honest nodes counted at least 1000 "defence.pastry.audit_challenges_failed" in total

  @slow @loopback
  Scenario: The audits on real UDP sockets catch the attackers (loopback)
    The same attack and defence on the loopback runtime: 40 real UDP nodes on 127.x addresses at TESTBED_LAB_PORT,
    the LINK and AUDIT messages in Pastry's wire format. Requests wait 3 s (a loaded machine answers late). Honest
    nodes ban honest nodes more often here than in simulation (19 in the first run, against 33 attackers banned):
    under load a ping times out, the pinging node drops the silent node from its back-pointers, and the next audit
    of that link fails; the ceiling below allows for it.
    Given a pastry network of 40 nodes on the loopback runtime
    And the overlay parameter queryTimeoutMillis is 3000
    And the overlay parameter routeTimeoutMillis is 30000
    And the defences "degreeBound=16,audit=on" are on
    And 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 15 seconds for 1 minutes
    Then honest auditors banned at least 15 attackers
    And honest auditors banned at most 60 honest nodes
    And the honest nodes counted at least 500 "defence.pastry.audit_relayed" in total

  Scenario Outline: Singh et al.'s attackers in containers, from their first join, without and with the audited degree bound (<defences>)
    The same attack and defence with every node a real process: 40 nodes in 5 containers of 8 (the layout step), 8
    of them attackers (f = 0.2, never bootstrap nodes, the same node indexes as on the other runtimes). An attacker's
    node host turns it into Singh et al.'s Eclipse attacker before its first datagram (`node-host --malice` with mode
    eclipse and every attacker's contact, made once the lab network has given the nodes their addresses), so it lies
    from its first join, as in the paper. Its lies are the in-JVM attacker's (PastryLie.ECLIPSE, PastryEclipseTactics:
    rows of fellow attackers that fit the asker, 4 advertising pings a second, every link accepted, audit answers of
    degreeBound random honest back-pointers). One difference: attackers in one JVM share in memory the auditors they
    relay for as anonymizers; in containers the relaying attacker tells the audited fellow attacker in a datagram of
    their own, sent just before the challenge it relays (PastryColluderNotes). The honest tables are read through
    GET /v1/pastry/state, the bans through GET /v1/pastry/degree, the attackers' in-degree from their node hosts'
    malice.eclipse_in_degree. Minute 0 is the end of the joins (in the JVM it is the start of the network). Requests
    wait 3 s and routes 30 s, as in the other container rows. The bounds come from the measured runs with a margin
    (docs/pastry.md, "Session 18 (singhd)").
    Given a pastry network of 40 nodes on the docker runtime
    And the containers run 8 nodes each
    And the overlay parameter queryTimeoutMillis is 3000
    And the overlay parameter routeTimeoutMillis is 30000
    And the defences "<defences>" are on
    And 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 30 seconds for 1 minutes
    And the Singh curve "<curve>" is written to "pastry/singh-docker-<file>.csv"
    Then the malicious share of the honest routing tables ends above <above>%
    And the malicious share of the honest routing tables ends at most <at most>%
    And the attackers' mean in-degree from honest nodes is at most <in-degree>
    And honest auditors banned at least <banned> attackers
    And honest auditors banned at most <false bans> honest nodes

    @docker @slow
    Examples: in containers (10 of 10 in a row, 2026-12-07 session 18, load average 24-212, 246-421 s a run for both rows: no bound 23.1-26.0%; audited 23.3-26.7%, 26-41 attackers and 0-34 honest nodes banned, attackers' in-degree 11.9-13.5; docs/pastry.md, "Session 18 (singhd)")
      | defences                | curve                                | file     | above | at most | in-degree | banned | false bans |
      | none                    | no bound, containers                 | no-bound | 15    | 35      | 0         | 0      | 0          |
      | degreeBound=16,audit=on | degree bound 16, audited, containers | audited  | 15    | 35      | 16        | 5      | 80         |
