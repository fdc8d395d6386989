@pastry
Feature: Pastry routes every key to the numerically closest live node, on every runtime
  Pastry (Rowstron and Druschel, Middleware 2001) puts 128-bit ids on a ring; a key belongs to the live
  node whose id is numerically closest to it. A route goes to a node sharing one more digit (b bits) with
  the key, else to the numerically closest member of the leaf set, else (the rare case) to a node sharing
  as long a prefix and numerically closer. Routes are recursive: each hop forwards and acknowledges, the
  last node answers the origin. These scenarios use only the neutral vocabulary.

  Scenario Outline: Every lookup reaches the live node numerically closest to its key (<runtime>)
    Given a pastry network of <nodes> nodes on the <runtime> runtime
    And the seed is 51
    When the network has converged
    And the ring has stabilised
    And 500 random lookups run
    Then every lookup reaches the live node responsible for its key
    And mean hops are within 0.5 of log base 16 of the network size
    And the ring is whole
    And the routing-table graph is one strongly connected component

    Examples: in one JVM
      | runtime   | nodes |
      | simulated | 1000  |

    @loopback
    Examples: on real UDP sockets
      | runtime  | nodes |
      | loopback | 200   |
