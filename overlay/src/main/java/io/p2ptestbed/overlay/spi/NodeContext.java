package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.random.RandomGenerator;

/**
 * Everything a protocol gets to build one node: its id, its doors to the network (datagrams, and streams
 * where the runtime offers them), its time, its share of the seed's randomness, and the scenario's protocol
 * parameters. Nothing else: no wall clock, no sockets, no global state.
 *
 * @param streams the node's connection-oriented transport, or null where the runtime has none (use
 *                {@link #requireStreams})
 */
public record NodeContext(NodeId id, Transport transport, Scheduler scheduler, RandomGenerator rng,
                          ProtocolParams params, StreamTransport streams) {

    /** A context without streams (the datagram overlays). */
    public NodeContext(NodeId id, Transport transport, Scheduler scheduler, RandomGenerator rng, ProtocolParams params) {
        this(id, transport, scheduler, rng, params, null);
    }

    /** The stream transport, or an {@link UnsupportedCapabilityException} naming the protocol that needs it. */
    public StreamTransport requireStreams() {
        if (streams == null) {
            throw new UnsupportedCapabilityException("the " + params.protocol() + " overlay runs on streams (connections), "
                    + "which this runtime does not offer to its nodes");
        }
        return streams;
    }
}
