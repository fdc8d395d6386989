package io.p2ptestbed.harness.scenario;

import java.util.Arrays;
import java.util.Locale;

/** Where a scenario's nodes run. */
public enum RuntimeKind {
    /** In-JVM, virtual time, deterministic (the default). */
    SIMULATED,
    /** Real Netty UDP sockets, one per node, each on its own 127.0.0.0/8 address. */
    LOOPBACK,
    /** One node process per container on an internal Docker network. */
    DOCKER,
    /** The docker runtime's node image as Docker Swarm services on an overlay network (docs/swarm.md). */
    SWARM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RuntimeKind parse(String s) {
        return Arrays.stream(values()).filter(v -> v.label().equalsIgnoreCase(s.trim())).findFirst()
                .orElseThrow(() -> new ScenarioException("runtime", "must be one of simulated, loopback, docker, swarm, got '" + s + "'"));
    }
}
