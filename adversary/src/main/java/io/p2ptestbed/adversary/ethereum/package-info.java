/**
 * Marcus, Heilman and Goldberg's eclipse attacker for the {@code ethereum} overlay: many node ids (cheap secp256k1
 * keys) on a few IP addresses, speaking discovery v4 and devp2p's Hello on real sockets or the simulator.
 */
package io.p2ptestbed.adversary.ethereum;
