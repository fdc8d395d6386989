/**
 * The protocol-neutral overlay SPI: what the harness, the adversary's neutral attacks, the reports and the
 * neutral Gherkin steps know of an overlay. It imports no protocol package (an ArchUnit rule checks it).
 *
 * <p>Modelled on the common KBR API (Dabek et al., IPTPS 2003) and libp2p's capability interfaces: a
 * small {@link io.p2ptestbed.overlay.spi.OverlayNode} (id, address, lifecycle, neighbours, counters) and
 * optional capabilities that a node may or may not offer ({@link io.p2ptestbed.overlay.spi.KeyRouting},
 * {@link io.p2ptestbed.overlay.spi.ValueStore}, {@link io.p2ptestbed.overlay.spi.Broadcast},
 * {@link io.p2ptestbed.overlay.spi.Guards}). A protocol is
 * an {@link io.p2ptestbed.overlay.spi.OverlayProtocol} registered by name in
 * {@link io.p2ptestbed.overlay.spi.Protocols} (built-ins plus {@link java.util.ServiceLoader} plug-ins).
 *
 * <p>Protocols keep their fast internals (packed ids, primitive tables) and convert at this edge only.
 */
package io.p2ptestbed.overlay.spi;
