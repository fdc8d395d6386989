/**
 * Connection-oriented streams for overlays with long-lived links and slots (Gnutella, Bitcoin, super-peers):
 * the {@link io.p2ptestbed.overlay.transport.stream.StreamTransport} SPI, its events, limits, counters and
 * connection faults. Implementations live in {@code transport.sim} (virtual time) and {@code transport.netty}
 * (TCP).
 */
package io.p2ptestbed.overlay.transport.stream;
