package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * Lab addresses in 127.0.0.0/8. Honest node i gets 127.X.Y.Z with X = 1 + i mod 200, Y = (i / 200) mod 256,
 * Z = 1 + i / 51200, so consecutive nodes sit in different /24s (as on the real Internet) and per-IP
 * defences see a realistic spread. Attackers use 127.201.0.0 and above.
 */
public final class Addresses {

    /**
     * UDP port of every lab node: 6881, or {@code TESTBED_LAB_PORT} from the environment, so that two runs
     * on one machine (two developers, two worktrees) do not collide on the same loopback addresses.
     */
    public static final int PORT = labPort(System.getenv("TESTBED_LAB_PORT"));

    /**
     * UDP port of every node of a simulated network, whatever the environment says: simulated nodes bind no
     * socket, and their addresses feed ids (certified ids hash the address, port included) and the latency
     * topology, so a port taken from {@code TESTBED_LAB_PORT} would make the same seed give different runs
     * on two machines (issue 12: Pastry's routing-failure-test scenario did).
     */
    public static final int SIMULATED_PORT = 6881;

    /** The port of the lab addresses on a runtime of this kind: {@link #SIMULATED_PORT} simulated, else {@link #PORT}. */
    public static int portFor(io.p2ptestbed.harness.scenario.RuntimeKind kind) {
        return kind == io.p2ptestbed.harness.scenario.RuntimeKind.SIMULATED ? SIMULATED_PORT : PORT;
    }

    static int labPort(String env) {
        if (env == null || env.isBlank()) {
            return 6881;
        }
        try {
            int p = Integer.parseInt(env.trim());
            if (p >= 1024 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("TESTBED_LAB_PORT must be a port in [1024, 65535], got '" + env + "'");
    }

    private Addresses() {}

    public static NodeAddress honest(int i) {
        return honest(i, PORT);
    }

    /** Honest node {@code i}'s address on {@code port} (a runtime's {@link NetworkRuntime#labPort()}). */
    public static NodeAddress honest(int i, int port) {
        if (i < 0 || i >= 200 * 256 * 254) {
            throw new IllegalArgumentException("honest node index out of range: " + i);
        }
        return NodeAddress.of(127, 1 + i % 200, (i / 200) % 256, 1 + i / 51_200, port);
    }

    /** Attacker address number {@code j} within /24 prefix number {@code prefix} (127.(201+prefix/256).(prefix%256).(1+j)). */
    public static NodeAddress attacker(int prefix, int j, int port) {
        if (prefix < 0 || prefix >= 50 * 256 || j < 0 || j > 253) {
            throw new IllegalArgumentException("attacker address out of range: prefix " + prefix + ", host " + j);
        }
        return NodeAddress.of(127, 201 + prefix / 256, prefix % 256, 1 + j, port);
    }
}
