@pastry @security @paper @slow
Feature: Singh et al.'s Eclipse attack on Pastry at the paper's scale (N = 2,000, f = 0.2)
  Singh, Ngan, Druschel and Wallach, "Eclipse Attacks on Overlay Networks: Threats and Defenses" (INFOCOM 2006), at
  the size of the paper's auditing experiment: 2,000 nodes, b = 4, |L| = 16, a fifth of them attackers from the start
  (the attack and the measurement are those of singh.feature). The paper's values, as restated from its full text by
  the evidence file SINGH-INFOCOM-06.md of github.com/Anarchitecht/Fix-the-internet-research (we could not read the
  paper itself): before auditing about 40% of the correct nodes' routing-table entries point to attackers; within 2
  simulated hours of auditing the share falls below 25% overall (static membership, in-degree bound 16 per row,
  audits once per 2 minutes per neighbour, anonymizer sets of 24); the bound alone, enforced by an oracle, gives
  0.24 at bound 16 per row (1,000 to 20,000 nodes) and 0.24 to 0.50 unbounded (1,000 to 20,000 nodes); the analysis
  bounds the share by f t / (1 - f) = 0.25 at t = 1.
  What differs here, and why:
  - our bound is on the whole routing table and the whole back-pointer set (degreeBound), not per row: 40 here,
    about 1.1 times the mean honest table at this size (t of about 1, as the paper's 16 per row with rows of 15);
  - one audit of a random table entry and one of a random back-pointer every 3 s (auditMillis = 3000): with some 36
    entries, each neighbour is audited about once every 2 minutes, as in the paper;
  - 4 challenges per audit, one failed challenge fails it (the paper: 24 anonymizers and a majority); anonymizers are
    drawn from the auditor's leaf set;
  - audits run from the start (the paper starts them 1.5 hours after the attack), and we simulate 10 minutes, not
    hours: 2,000 nodes for hours cost more CPU than this shared machine gives a scenario;
  - latency is uniform in 10-100 ms per datagram (the paper: GT-ITM and King delays).
  Measured (2026-12-06, seed 71, sampled each minute; 1.4 and 2.9 minutes wall at load average 1-7): mean honest
  table 36.3 entries. No bound: 25.6% at the start, 30.5% at 1 minute, 35.8% at 10 minutes and rising (paper: about
  40% before audits; its oracle-bounded runs 0.24-0.35 unbounded at 1,000-5,000 nodes). Bound 40, audited: 50.1% at
  the start (honest nodes at the bound refuse links, attackers accept all), 47.4% at 2 minutes, 37.7% at 10 minutes
  and falling about half a point a minute; 91,867 bans of attackers and 743 of honest nodes by honest auditors. The
  paper's "below 25% within 2 hours of auditing" is not reached in our 10 minutes, and the audited share is still
  above the unbounded one at 10 minutes: the paper's timescale (hours) was not simulated.

  Background:
    Given a pastry network of 2000 nodes
    And the seed is 71

  Scenario: At 2,000 nodes without degree bounds the attackers hold more than their share of the honest routing tables
    Given 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 60 seconds for 10 minutes
    And the Singh curve "N = 2000, no bound" is written to "pastry/singh-2000-no-bound.csv"
    Then the malicious share of the honest routing tables ends above 30%

  Scenario: At 2,000 nodes the degree bound audited anonymously brings the attackers' share down toward the paper's
    Given the defences "degreeBound=40,audit=on,auditMillis=3000" are on
    And 20% of the nodes are Pastry Eclipse attackers from the start
    When the malicious share of the honest routing tables is sampled every 60 seconds for 10 minutes
    And the Singh curve "N = 2000, degree bound 40, audited" is written to "pastry/singh-2000-audited.csv"
    Then the malicious share of the honest routing tables ends at most 40%
    And honest auditors banned at least 50000 attackers
    And honest auditors banned at most 1500 honest nodes
