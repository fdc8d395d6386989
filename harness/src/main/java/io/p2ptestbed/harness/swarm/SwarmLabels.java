package io.p2ptestbed.harness.swarm;

import io.p2ptestbed.harness.docker.DockerLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Labels of the swarm runtime's objects: the docker runtime's ({@code io.p2ptestbed=1}, run, owner) plus
 * {@value #SWARM}{@code =1}, which is what {@link SwarmSweeper} selects by, so it never touches the docker
 * runtime's containers and networks.
 */
public final class SwarmLabels {

    /** Present (value "1") on every service, network, config, secret and container of the swarm runtime. */
    public static final String SWARM = "io.p2ptestbed.swarm";

    private SwarmLabels() {}

    /** The labels of an object of run {@code runId} with role {@code role} (node, relay, network). */
    static Map<String, String> of(String runId, String role) {
        Map<String, String> m = DockerLabels.forRun(runId);
        m.put(SWARM, "1");
        m.put(DockerLabels.ROLE, role);
        return m;
    }

    /** {@code flag k=v} for every label. */
    static List<String> args(String flag, Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        labels.forEach((k, v) -> {
            out.add(flag);
            out.add(k + "=" + v);
        });
        return out;
    }
}
