package io.p2ptestbed.harness.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Label keys put on every Docker object the testbed creates. There is no Ryuk reaper (no registry to pull it
 * from), so labels are the only handle {@link DockerSweeper} has to clean up after a crashed run.
 */
public final class DockerLabels {
    /** Present (value "1") on every container and network the testbed creates. */
    public static final String ROOT = "io.p2ptestbed";
    /** Run id of the run that created the object. */
    public static final String RUN = "io.p2ptestbed.run";
    /** Logical node name of a container. */
    public static final String NODE = "io.p2ptestbed.node";
    /** Put on images (via the Dockerfile) built by {@link NodeImage}; value is the content hash. Never swept. */
    public static final String IMAGE = "io.p2ptestbed.image";
    /** The process that created the object: {@code <host>:<pid>:<process start epoch ms>}; see {@link Owner}. */
    public static final String OWNER = "io.p2ptestbed.owner";
    /** What a container is: {@code node} (a node host) or {@code attacker} (a socket host). */
    public static final String ROLE = "io.p2ptestbed.role";

    private DockerLabels() {}

    /** {@code io.p2ptestbed=1, io.p2ptestbed.run=<runId>, io.p2ptestbed.owner=<this process>} */
    public static Map<String, String> forRun(String runId) {
        requireRunId(runId);
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ROOT, "1");
        m.put(RUN, runId);
        m.put(OWNER, Owner.self().label());
        return m;
    }

    /** Run labels plus {@code io.p2ptestbed.node=<nodeName>}. */
    public static Map<String, String> forNode(String runId, String nodeName) {
        Map<String, String> m = forRun(runId);
        m.put(NODE, nodeName);
        return m;
    }

    static String requireRunId(String runId) {
        if (runId == null || !runId.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw new IllegalArgumentException("run id must match [A-Za-z0-9][A-Za-z0-9_.-]{0,62}: " + runId);
        }
        return runId;
    }
}
