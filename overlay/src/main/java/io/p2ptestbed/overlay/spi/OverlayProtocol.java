package io.p2ptestbed.overlay.spi;

import java.util.Map;

/**
 * An overlay protocol, registered by name in {@link Protocols}. To add your own overlay, implement this
 * and {@link OverlayNode} (plus the capabilities it offers) and list the class in
 * {@code META-INF/services/io.p2ptestbed.overlay.spi.OverlayProtocol}. The Chord package is the worked
 * example.
 */
public interface OverlayProtocol {

    /** The name scenarios and steps use, lower case: {@code kademlia}, {@code chord}, ... */
    String name();

    /** One line for help texts and reports. */
    String description();

    KeySpace keySpace();

    /**
     * Every parameter the protocol accepts, with its default value as text. {@link ProtocolParams#of}
     * refuses any other name, and {@link #validate} checks values.
     */
    Map<String, String> defaults();

    /** Checks parameter values; throws {@link IllegalArgumentException} naming the parameter. */
    default void validate(ProtocolParams params) {}

    /**
     * The id of an honest node at this address: by default drawn from the seed's id stream; a protocol
     * that binds ids to addresses (Chord's {@code bindIds}) derives it from the address instead.
     */
    default io.p2ptestbed.overlay.id.NodeId idFor(io.p2ptestbed.overlay.id.NodeAddress address,
                                                  java.util.random.RandomGenerator ids, ProtocolParams params) {
        return io.p2ptestbed.overlay.id.NodeId.random(ids);
    }

    /**
     * How many closest nodes a routed lookup's result is graded against: 1 (the key's owner) by default;
     * Kademlia says its k.
     */
    default int resultSize(ProtocolParams params) {
        return 1;
    }

    /**
     * This overlay's own defence syntax (Kademlia's eviction rules, BEP 42, ...), parsed; empty (the
     * default) to take the neutral defences of {@code io.p2ptestbed.overlay.guard.GuardSet}. Throws
     * {@link IllegalArgumentException} naming what is wrong in the spec.
     */
    default java.util.Optional<NodeDefences> ownDefences(String spec) {
        return java.util.Optional.empty();
    }

    /**
     * About how many bytes of heap one node holds in a built, converged simulated network of {@code nodes}
     * nodes with these parameters: its routing state, pending queries and per-node objects, plus the
     * simulator's per-node share (endpoint, handle, generators). The simulated runtime compares
     * {@code nodes} times this with the heap before it builds anything, and refuses a network that cannot
     * fit. Overlays that measured themselves say so; the default, {@value #DEFAULT_BYTES_PER_NODE} bytes,
     * is on the safe side of the bundled overlays' measurements at 10,000 to 100,000 nodes (docs/benchmarks.md).
     */
    default long bytesPerNode(ProtocolParams params, int nodes) {
        return DEFAULT_BYTES_PER_NODE;
    }

    /** {@link #bytesPerNode}'s default. */
    long DEFAULT_BYTES_PER_NODE = 16_384;

    /**
     * Whether the protocol's nodes need a stream transport ({@link NodeContext#streams()}): the runtimes open one
     * per node only then (a TCP listening socket on real sockets). False by default: datagrams only.
     */
    default boolean usesStreams() {
        return false;
    }

    /** Builds one node. Called on the node's scheduler thread or before the network runs. */
    OverlayNode create(NodeContext context);

    /** Parses and validates parameters given as text (scenario files, CLI, steps). */
    default ProtocolParams params(Map<String, String> given) {
        ProtocolParams p = ProtocolParams.of(name(), defaults(), given);
        validate(p);
        return p;
    }
}
