Feature: announce_peer and get_peers
  A peer announced for an info-hash is stored at the k nodes closest to it and found by anyone's
  get_peers lookup.

  Scenario: Announced peers are found by other nodes
    Given a network of 500 nodes
    And the seed is 9
    When the network has converged
    And 50 random nodes each announce a different torrent
    And other random nodes look each torrent up with get_peers
    Then at least 100% of the announced peers are found

  Scenario: One named announce is found
    Given a network of 100 nodes
    When the network has converged
    And node "n5" announces "ubuntu.iso" on port 51413
    And other random nodes look each torrent up with get_peers
    Then at least 100% of the announced peers are found
