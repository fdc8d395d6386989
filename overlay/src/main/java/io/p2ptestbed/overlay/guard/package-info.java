/**
 * The neutral defences: rate limiting and IP-diversity limits that work on every overlay offering the
 * SPI's {@link io.p2ptestbed.overlay.spi.Guards} capability. They know nothing of any protocol's messages.
 * (Kademlia keeps its richer, KRPC-aware defences in {@code overlay.defence}.)
 */
package io.p2ptestbed.overlay.guard;
