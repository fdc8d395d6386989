/**
 * What runs in a container besides the node itself, so that a harness outside can drive it.
 *
 * <ul>
 *   <li>{@link io.p2ptestbed.overlay.node.control.NodeHostMain}: the container entry point; starts one or
 *       more nodes through {@code NodeMain} ({@link io.p2ptestbed.overlay.node.control.NodeHost}) and serves
 *       the {@link io.p2ptestbed.overlay.node.control.ControlServer}: JSON over HTTP, versioned ({@code /v1/}),
 *       wire format in {@link io.p2ptestbed.overlay.node.control.ControlJson}, codec
 *       {@link io.p2ptestbed.overlay.node.control.Json}, request validation
 *       {@link io.p2ptestbed.overlay.node.control.Fields}.</li>
 *   <li>{@link io.p2ptestbed.overlay.node.control.FaultyLink} and
 *       {@link io.p2ptestbed.overlay.node.control.FaultRule}: delay, jitter, duplication, reordering and loss
 *       in the node's transport (the kernel has no netem), switched at run time.</li>
 *   <li>{@link io.p2ptestbed.overlay.node.control.SocketHostMain}: attacker containers' entry point, a UDP
 *       socket host relaying datagrams for attack code that runs in the harness
 *       ({@link io.p2ptestbed.overlay.node.control.SocketHostProtocol}).</li>
 * </ul>
 * Like the rest of the overlay, nothing here reads the wall clock except through {@code SystemClock}, and
 * all randomness is seeded (the fault generator from the node's seed).
 */
package io.p2ptestbed.overlay.node.control;
