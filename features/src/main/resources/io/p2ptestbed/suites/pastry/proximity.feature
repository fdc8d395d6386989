@pastry
Feature: Pastry's proximity: routing-table entries and the neighbourhood set chosen by measured round-trip time
  The simulated runtime places every node at a point of a plane drawn from the seed; a link's one-way
  latency grows with the distance (10 ms at one point, 190 ms across, plus up to 10 ms jitter). Pastry
  measures the round-trip time of its own pings and, among the candidates for a routing-table slot, keeps
  the nearest; the neighbourhood set holds the |M| nearest it measured. Route stretch is the time from a
  route's start until the owner's answer arrives, divided by the direct round trip to the owner. We
  measured a mean stretch of 1.63 (median 1.44) with proximity and 2.07 (median 1.72) without, at about
  the same mean hop count (2.32 and 2.30). Before joins stopped probing every node named in a pong's leaf
  set (a cascade that cost a join about a thousand events), the figures were 1.52 (median 1.43) and 2.14
  (median 1.81): a newcomer now measures only the nodes its join route named, and the periodic row
  exchange measures contested candidates. The paper reports a relative delay of about 1.3 to 1.4 in its
  sphere topology with proximity (section 3.2; not re-read for this text).

  Scenario Outline: Proximity-aware routing tables shorten routes in the plane (proximity <proximity>)
    Given a pastry network of 600 nodes
    And the seed is 54
    And the nodes sit in a plane with 10 to 200 ms latency
    And the overlay parameter proximity is <proximity>
    When the network has converged
    And 2 minutes pass
    And 500 random routes are timed
    And 500 random lookups run
    Then every lookup reaches the live node responsible for its key
    And the mean route stretch is <bound>

    Examples:
      | proximity | bound        |
      | true      | below 1.7    |
      | false     | above 1.7    |
