package io.p2ptestbed.harness.swarm;

import io.p2ptestbed.harness.docker.DockerAvailability;

/**
 * Whether the swarm runtime can run here: a usable Docker engine ({@link DockerAvailability}) that is a manager
 * of an active swarm. Without one, the message names {@value #INIT}.
 */
public final class SwarmAvailability {

    /** What makes a one-node swarm (scripts/setup.sh runs it when the engine is not in a swarm yet). */
    public static final String INIT = "docker swarm init --advertise-addr 127.0.0.1";

    /** Whether the engine answers and is a manager of an active swarm, and if not, why not and what to run. */
    public record Status(boolean available, String message) {
        public Status orThrow() {
            if (!available) {
                throw new IllegalStateException(message);
            }
            return this;
        }
    }

    private SwarmAvailability() {}

    /** What {@code docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'} says. */
    static Status ofSwarmState(String state) {
        String[] f = state.trim().split(" ");
        if (!f[0].equals("active")) {
            return new Status(false, "No Docker swarm: this engine's swarm state is '" + f[0] + "'; run `" + INIT
                    + "` (scripts/setup.sh does) to make a one-node swarm, or join this engine to a swarm (docs/swarm.md)");
        }
        if (f.length < 2 || !f[1].equals("true")) {
            return new Status(false, "No Docker swarm manager: this engine is a swarm worker; run the testbed on a manager"
                    + " node (docs/swarm.md), or `" + INIT + "` on a machine of its own");
        }
        return new Status(true, "swarm active, this engine is a manager");
    }

    public static Status check() {
        DockerAvailability.Status engine = DockerAvailability.check();
        if (!engine.usable()) {
            return new Status(false, "No usable Docker engine for the swarm runtime: " + engine.message()
                    + (engine.warnings().isEmpty() ? "" : "; " + String.join("; ", engine.warnings())));
        }
        String state;
        try {
            state = DockerCli.run("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}");
        } catch (DockerCli.CliException e) {
            return new Status(false, "No Docker swarm: " + e.getMessage());
        }
        return ofSwarmState(state);
    }
}
