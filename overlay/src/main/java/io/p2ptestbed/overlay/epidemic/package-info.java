/**
 * The epidemic overlay: sites that spread messages by push rumour mongering with feedback and a counter
 * (Demers et al., "Epidemic algorithms for replicated database maintenance", PODC 1987) or by gossip to
 * ln N + c members drawn uniformly (Kermarrec, Massoulié and Ganesh, "Probabilistic reliable dissemination
 * in large-scale systems", IEEE TPDS 2003), over its own binary codec ({@link
 * io.p2ptestbed.overlay.epidemic.EpidemicCodec}) on the datagram transport, behind the
 * {@link io.p2ptestbed.overlay.spi.Broadcast} capability. See docs/epidemic.md.
 */
package io.p2ptestbed.overlay.epidemic;
