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
  What we measured (N = 200, 2 minutes after the network formed; the mean honest table holds 22-24 entries, so
  the bound 24 is about 1.0-1.1 times the expected degree): without any bound the attackers hold about f of the
  honest entries (19%); proximity neighbour selection keeps, per slot, the nearest of the candidates a node knows,
  and at this size every node knows nearly every node, so the colluders' biased rows do not bias the choice (the
  paper's larger networks, where a node knows few candidates per slot, are not reproduced). With the bound and
  no audit the attackers absorb the links honest nodes refuse (honest nodes at the bound refuse, attackers accept
  everything): their mean in-degree from honest nodes rises to 31.8, above the bound, and their share above f
  (25%). With the audit the attackers are caught and dropped: share back to 18.5% and falling, their mean
  in-degree 24.8 and falling (716 bans of attackers; 37 bans of honest nodes, links that changed in flight).
  Curves: pastry/singh-<curve>.csv, charted in the report.

  Background:
    Given a pastry network of 200 nodes
    And the seed is 71

  Scenario: Without degree bounds the attackers hold about their share of the honest routing tables
    Given 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 20 seconds for 2 minutes
    And the Singh curve "no bound" is written to "pastry/singh-no-bound.csv"
    Then the malicious share of the honest routing tables ends above 15%
    And the malicious share of the honest routing tables ends at most 23%

  @slow
  Scenario: With a degree bound that nobody audits the attackers take the links honest nodes refuse
    Given the defences "degreeBound=24" are on
    And 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 20 seconds for 2 minutes
    And the Singh curve "degree bound 24, not audited" is written to "pastry/singh-bound-unaudited.csv"
    Then the malicious share of the honest routing tables ends above 23%
    And the attackers' mean in-degree from honest nodes is above 24
    And the honest nodes counted at least 100 "defence.pastry.links_refused" in total

  Scenario: With the degree bound audited anonymously the attackers are caught and keep to their share
    Given the defences "degreeBound=24,audit=on" are on
    And 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 20 seconds for 2 minutes
    And the Singh curve "degree bound 24, audited" is written to "pastry/singh-audited.csv"
    Then the malicious share of the honest routing tables ends at most 21%
    And the attackers' mean in-degree from honest nodes is at most 28
    And honest auditors banned at least 300 attackers
    And honest auditors banned at most 60 honest nodes
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
