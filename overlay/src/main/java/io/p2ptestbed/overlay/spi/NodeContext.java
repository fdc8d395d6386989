package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.random.RandomGenerator;

/**
 * Everything a protocol gets to build one node: its id, its only door to the network, its time, its share
 * of the seed's randomness, and the scenario's protocol parameters. Nothing else: no wall clock, no
 * sockets, no global state.
 */
public record NodeContext(NodeId id, Transport transport, Scheduler scheduler, RandomGenerator rng,
                          ProtocolParams params) {}
