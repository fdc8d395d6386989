package io.p2ptestbed.harness.scenario;

import io.p2ptestbed.overlay.kademlia.NodeConfig;

/**
 * A scenario as data: how big the network is, its protocol parameters, its seed and link conditions.
 * Workloads, attacks and faults are applied to the running network by steps or by the CLI.
 *
 * @param nodes          honest nodes (including bootstrap nodes)
 * @param bootstrapNodes how many of them act as bootstrap nodes that everyone else joins through
 * @param minLatencyMillis one-way latency lower bound (simulated runtime)
 * @param maxLatencyMillis one-way latency upper bound (simulated runtime)
 * @param lossRate       probability that a datagram is lost (simulated runtime)
 * @param joinSpacingMillis virtual time between two consecutive joins
 */
public record Scenario(String name, RuntimeKind runtime, long seed, int nodes, int bootstrapNodes, NodeConfig node,
                       long minLatencyMillis, long maxLatencyMillis, double lossRate, long joinSpacingMillis) {

    public static final int MAX_SIMULATED_NODES = 200_000;
    public static final int MAX_LOOPBACK_NODES = 5_000;

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new ScenarioException("name", "must not be empty");
        }
        if (runtime == null) {
            throw new ScenarioException("runtime", "must be one of simulated, loopback, docker");
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
        if (node == null) {
            throw new ScenarioException("node", "protocol parameters missing");
        }
    }

    public static Scenario defaults(String name, int nodes) {
        return new Scenario(name, RuntimeKind.SIMULATED, 42L, nodes, Math.min(3, nodes), NodeConfig.defaults(), 10, 100, 0.0, 5);
    }

    public Scenario withRuntime(RuntimeKind r) {
        return new Scenario(name, r, seed, nodes, bootstrapNodes, node, minLatencyMillis, maxLatencyMillis, lossRate, joinSpacingMillis);
    }

    public Scenario withSeed(long s) {
        return new Scenario(name, runtime, s, nodes, bootstrapNodes, node, minLatencyMillis, maxLatencyMillis, lossRate, joinSpacingMillis);
    }

    public Scenario withNodes(int n) {
        return new Scenario(name, runtime, seed, n, Math.min(bootstrapNodes, n), node, minLatencyMillis, maxLatencyMillis, lossRate, joinSpacingMillis);
    }

    public Scenario withNode(NodeConfig c) {
        return new Scenario(name, runtime, seed, nodes, bootstrapNodes, c, minLatencyMillis, maxLatencyMillis, lossRate, joinSpacingMillis);
    }

    public Scenario withLatency(long min, long max) {
        return new Scenario(name, runtime, seed, nodes, bootstrapNodes, node, min, max, lossRate, joinSpacingMillis);
    }

    public Scenario withLossRate(double loss) {
        return new Scenario(name, runtime, seed, nodes, bootstrapNodes, node, minLatencyMillis, maxLatencyMillis, loss, joinSpacingMillis);
    }

    public Scenario withName(String n) {
        return new Scenario(n, runtime, seed, nodes, bootstrapNodes, node, minLatencyMillis, maxLatencyMillis, lossRate, joinSpacingMillis);
    }
}
