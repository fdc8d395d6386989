/**
 * Chord (Stoica et al., SIGCOMM 2001 / ToN 2003) behind the overlay SPI, registered as {@code chord}.
 *
 * <p>Ids are 160-bit on a ring ({@link io.p2ptestbed.overlay.spi.KeySpaces#CLOCKWISE}); a key is owned by its
 * successor. Each {@link io.p2ptestbed.overlay.chord.ChordNode} keeps a successor list of r entries, a
 * predecessor and 160 fingers ({@link io.p2ptestbed.overlay.chord.ChordTable}), runs stabilize / notify /
 * check_predecessor / fix_fingers ({@link io.p2ptestbed.overlay.chord.ChordMaintenance}), routes iteratively
 * ({@link io.p2ptestbed.overlay.chord.ChordLookup}) and stores values with hand-over
 * ({@link io.p2ptestbed.overlay.chord.ChordStore}). It speaks its own compact binary protocol over UDP
 * ({@link io.p2ptestbed.overlay.chord.ChordCodec}). Defences, off by default: {@code bindIds},
 * {@code verifySuccessors}, {@code crossCheck}.
 *
 * <p>For the harness: {@code Protocols.get("chord").create(new NodeContext(id, transport, scheduler, rng,
 * params))}, then {@code start()} and {@code join(seeds)}. {@code stop()} is a crash; the graceful leave is
 * {@code node.require(ChordView.class, "leave").leave()}. Honest address-bound ids:
 * {@link io.p2ptestbed.overlay.chord.ChordIds#forAddress}. Ground truth: {@link io.p2ptestbed.overlay.chord.ChordRing}.
 */
package io.p2ptestbed.overlay.chord;
