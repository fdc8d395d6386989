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
