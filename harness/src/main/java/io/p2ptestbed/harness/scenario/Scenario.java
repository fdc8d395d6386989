package io.p2ptestbed.harness.scenario;

import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.transport.sim.PlaneTopology;
import java.util.Map;

/**
 * A scenario as data: which overlay protocol with which parameters, how big the network is, its seed and
 * link conditions. Workloads, attacks and faults are applied to the running network by steps or by the CLI.
 *
 * @param protocol       the overlay protocol's name and parameters ({@link Protocols}); Kademlia by default
 * @param nodes          honest nodes (including bootstrap nodes)
 * @param bootstrapNodes how many of them act as bootstrap nodes that everyone else joins through
 * @param minLatencyMillis one-way latency lower bound (simulated runtime)
 * @param maxLatencyMillis one-way latency upper bound (simulated runtime)
 * @param lossRate       probability that a datagram is lost (simulated runtime)
 * @param joinSpacingMillis virtual time between two consecutive joins
 * @param topology       how the simulated runtime draws link latency: {@code uniform} (the default: each
 *                       datagram uniform in [min, max]) or {@code plane} / {@code plane:J} (nodes placed in
 *                       a plane from the seed, latency by distance plus J ms jitter; see PlaneTopology)
 */
public record Scenario(String name, RuntimeKind runtime, long seed, int nodes, int bootstrapNodes, ProtocolParams protocol,
                       long minLatencyMillis, long maxLatencyMillis, double lossRate, long joinSpacingMillis,
                       String topology) {

    /**
     * Simulated nodes at most: the honest lab addresses number some 13 million; in practice the heap is the
     * limit, and the simulated runtime refuses a network it estimates cannot fit before building it
     * (HeapBudget).
     */
    public static final int MAX_SIMULATED_NODES = 10_000_000;
    public static final int MAX_LOOPBACK_NODES = 5_000;
    /** The overlay a scenario runs unless it names another. */
    public static final String DEFAULT_PROTOCOL = "kademlia";

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new ScenarioException("name", "must not be empty");
        }
        if (runtime == null) {
            throw new ScenarioException("runtime", "must be one of simulated, loopback, docker, swarm");
        }
        int max = runtime == RuntimeKind.LOOPBACK ? MAX_LOOPBACK_NODES : MAX_SIMULATED_NODES;
        if (nodes < 2 || nodes > max) {
            throw new ScenarioException("nodes", "must be in [2, " + max + "] on the " + runtime.label() + " runtime, got " + nodes);
        }
        if (bootstrapNodes < 1 || bootstrapNodes > nodes) {
            throw new ScenarioException("bootstrapNodes", "must be in [1, nodes=" + nodes + "], got " + bootstrapNodes);
        }
        if (minLatencyMillis < 0 || maxLatencyMillis < minLatencyMillis || maxLatencyMillis > 60_000) {
            throw new ScenarioException("latency", "must satisfy 0 <= min <= max <= 60000 ms, got "
                    + minLatencyMillis + ".." + maxLatencyMillis);
        }
        if (!(lossRate >= 0 && lossRate < 1)) {
            throw new ScenarioException("lossRate", "must be in [0, 1), got " + lossRate);
        }
        if (joinSpacingMillis < 0 || joinSpacingMillis > 60_000) {
            throw new ScenarioException("joinSpacingMillis", "must be in [0, 60000], got " + joinSpacingMillis);
        }
        if (protocol == null) {
            throw new ScenarioException("protocol", "missing");
        }
        try {
            PlaneTopology.of(topology, seed, minLatencyMillis, maxLatencyMillis);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("topology", e.getMessage());
        }
    }

    /** With uniform latency (the topology of every scenario before latency topologies existed). */
    public Scenario(String name, RuntimeKind runtime, long seed, int nodes, int bootstrapNodes, ProtocolParams protocol,
                    long minLatencyMillis, long maxLatencyMillis, double lossRate, long joinSpacingMillis) {
        this(name, runtime, seed, nodes, bootstrapNodes, protocol, minLatencyMillis, maxLatencyMillis, lossRate,
                joinSpacingMillis, "uniform");
    }

    public static Scenario defaults(String name, int nodes) {
        return new Scenario(name, RuntimeKind.SIMULATED, 42L, nodes, Math.min(3, nodes),
                Protocols.get(DEFAULT_PROTOCOL).params(Map.of()), 10, 100, 0.0, 5);
    }

    /** The overlay protocol this scenario runs. */
    public OverlayProtocol overlay() {
        return Protocols.get(protocol.protocol());
    }

    public String protocolName() {
        return protocol.protocol();
    }

    /**
     * How many closest nodes a lookup's result is graded against: Kademlia's k; 1 (the key's owner) on
     * other overlays.
     */
    public int resultSize() {
        return overlay().resultSize(protocol);
    }

    private Scenario with(String n, RuntimeKind r, long s, int count, int boot, ProtocolParams p, long min, long max,
                          double loss) {
        return new Scenario(n, r, s, count, boot, p, min, max, loss, joinSpacingMillis, topology);
    }

    public Scenario withRuntime(RuntimeKind r) {
        return with(name, r, seed, nodes, bootstrapNodes, protocol, minLatencyMillis, maxLatencyMillis, lossRate);
    }

    public Scenario withSeed(long s) {
        return with(name, runtime, s, nodes, bootstrapNodes, protocol, minLatencyMillis, maxLatencyMillis, lossRate);
    }

    public Scenario withNodes(int n) {
        return with(name, runtime, seed, n, Math.min(bootstrapNodes, n), protocol, minLatencyMillis, maxLatencyMillis, lossRate);
    }

    /** Another overlay with its default parameters; an unknown name is refused with the known ones. */
    public Scenario withProtocol(String protocolName) {
        OverlayProtocol p;
        try {
            p = Protocols.get(protocolName);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("protocol", e.getMessage());
        }
        return with(name, runtime, seed, nodes, bootstrapNodes, p.params(Map.of()), minLatencyMillis, maxLatencyMillis, lossRate);
    }

    /** The same overlay with parameters changed; unknown names and bad values are refused, naming them. */
    public Scenario withParams(Map<String, String> changes) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(protocol.asMap());
        ProtocolParams p;
        try {
            ProtocolParams.of(protocol.protocol(), protocol.asMap(), changes); // names unknown parameters
            merged.putAll(changes);
            p = overlay().params(merged);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("protocol parameters", e.getMessage());
        }
        return with(name, runtime, seed, nodes, bootstrapNodes, p, minLatencyMillis, maxLatencyMillis, lossRate);
    }

    public Scenario withLatency(long min, long max) {
        return with(name, runtime, seed, nodes, bootstrapNodes, protocol, min, max, lossRate);
    }

    /** The same scenario with another latency topology ({@code uniform}, {@code plane}, {@code plane:J}). */
    public Scenario withTopology(String t) {
        return new Scenario(name, runtime, seed, nodes, bootstrapNodes, protocol, minLatencyMillis, maxLatencyMillis,
                lossRate, joinSpacingMillis, t);
    }

    /** The same scenario with joins this many virtual milliseconds apart (default 5). */
    public Scenario withJoinSpacing(long millis) {
        return new Scenario(name, runtime, seed, nodes, bootstrapNodes, protocol, minLatencyMillis, maxLatencyMillis,
                lossRate, millis, topology);
    }

    public Scenario withLossRate(double loss) {
        return with(name, runtime, seed, nodes, bootstrapNodes, protocol, minLatencyMillis, maxLatencyMillis, loss);
    }

    public Scenario withName(String n) {
        return with(n, runtime, seed, nodes, bootstrapNodes, protocol, minLatencyMillis, maxLatencyMillis, lossRate);
    }
}
