@security
Feature: What id rules cost a Sybil attacker
  To eclipse a node or censor a key, Sybils must sit close to a chosen target: here, share its first
  p = 8 bits. Costs are counted in hash evaluations, never in time. Plain BEP 5 ids are chosen freely:
  no hash at all. BEP 42 fixes an id's first 21 bits to a CRC-32C of the node's IP and a 3-bit r: the
  attacker tries its (IP, r) pairs until one lands near the target, about 2^p CRCs per Sybil, and has
  only 8 pairs per IP address. S/Kademlia's crypto puzzle makes the id SHA-1 of a key whose hash has c1
  leading zero bits, plus a dynamic puzzle of c2 bits: about 2^(c1+p+1) + 2^c2 hashes per Sybil. The
  averages are over 32 Sybils, so "within a factor of 2 of the expectation" is a wide statistical margin.

  Scenario: BEP 42 and crypto puzzles raise the cost of placing Sybils next to a target
    Given the attacker owns every address of 16 /24 networks
    When the attacker grinds 32 Sybil ids within 8 bits of a random target under each id rule:
      | plain             |
      | bep42             |
      | puzzle(c1=8,c2=4) |
    Then every rule placed all 32 Sybils
    And a placed Sybil costs more hashes under "bep42" than under "plain"
    And a placed Sybil costs more hashes under "puzzle(c1=8,c2=4)" than under "bep42"
    And under "bep42" a placed Sybil costs within a factor of 2 of the expected 256 hashes
    And under "puzzle(c1=8,c2=4)" a placed Sybil costs within a factor of 2 of the expected 131088 hashes

  Scenario: Under BEP 42 an attacker with one /24 network runs out of addresses
    254 addresses give 2,032 (IP, r) pairs: about 2,032 / 2^14 = 0.1 ids within 14 bits of a target.
    Given the attacker owns every address of 1 /24 networks
    When the attacker grinds 8 Sybil ids within 14 bits of a random target under each id rule:
      | plain |
      | bep42 |
    Then under "bep42" at most 1 of the 8 Sybils were placed
    And under "plain" all 8 Sybils were placed
