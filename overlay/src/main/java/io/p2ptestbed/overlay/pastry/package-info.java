/**
 * Pastry (A. Rowstron and P. Druschel, "Pastry: Scalable, decentralized object location and routing for
 * large-scale peer-to-peer systems", Middleware 2001) on the overlay SPI: 128-bit ids in digits of b bits,
 * a leaf set, a routing table of 2^b columns and a neighbourhood set; prefix routing, recursive, with
 * per-hop acknowledgements; the join that gathers state along its route; repair of leaf set and routing
 * table; proximity as the measured round-trip time of the node's own pings; its own strict UDP codec.
 * Time only through the Scheduler, randomness only from the node's generator (ArchUnit checks both).
 */
package io.p2ptestbed.overlay.pastry;
