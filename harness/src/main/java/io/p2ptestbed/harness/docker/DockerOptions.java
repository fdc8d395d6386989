package io.p2ptestbed.harness.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the docker runtime lays out a scenario. Defaults come from system properties, so the CLI and
 * Maven can change them without code: {@code testbed.docker.nodesPerContainer} (density),
 * {@code testbed.docker.parallelism}, {@code testbed.docker.memoryMiB}, {@code testbed.docker.startupMillis},
 * {@code testbed.docker.nodeJar}; how many containers start at once is {@code testbed.docker.startWindow}
 * ({@code NodeLauncher}).
 *
 * @param nodesPerContainer nodes in one container (one JVM), each on its own UDP port; 1 by default
 * @param parallelism       containers started at once
 * @param memoryMiB         hard memory limit per container (0: none)
 * @param startupMillis     how long one container may take to come up and join, from its {@code docker start} (at most
 *                          {@code testbed.docker.startWindow} containers start at once, so this bound does not grow
 *                          with the number of containers)
 * @param nodeJar           the overlay's runnable jar ({@code overlay/target/overlay-node.jar})
 */
public record DockerOptions(int nodesPerContainer, int parallelism, long memoryMiB, long startupMillis, Path nodeJar) {

    public static final String NODE_JAR = "overlay/target/overlay-node.jar";

    public DockerOptions {
        if (nodesPerContainer < 1 || nodesPerContainer > 256) {
            throw new IllegalArgumentException("nodesPerContainer must be in [1, 256], got " + nodesPerContainer);
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be in [1, 64], got " + parallelism);
        }
    }

    public static DockerOptions defaults() {
        return new DockerOptions(Integer.getInteger("testbed.docker.nodesPerContainer", 1),
                Integer.getInteger("testbed.docker.parallelism", 8), Long.getLong("testbed.docker.memoryMiB", 160),
                Long.getLong("testbed.docker.startupMillis", 120_000), null);
    }

    public DockerOptions withNodesPerContainer(int n) {
        return new DockerOptions(n, parallelism, memoryMiB, startupMillis, nodeJar);
    }

    public DockerOptions withParallelism(int p) {
        return new DockerOptions(nodesPerContainer, p, memoryMiB, startupMillis, nodeJar);
    }

    public DockerOptions withNodeJar(Path jar) {
        return new DockerOptions(nodesPerContainer, parallelism, memoryMiB, startupMillis, jar);
    }

    /**
     * The node jar: {@link #nodeJar} if set, else {@code -Dtestbed.docker.nodeJar}, else
     * {@value #NODE_JAR} in the working directory or one of its parents (harness/ and features/ both work).
     */
    public Path resolveNodeJar() {
        if (nodeJar != null) {
            return require(nodeJar);
        }
        String prop = System.getProperty("testbed.docker.nodeJar");
        if (prop != null && !prop.isBlank()) {
            return require(Path.of(prop));
        }
        return find(Path.of("").toAbsolutePath()).orElseThrow(() -> new IllegalStateException(
                "the docker runtime needs the node jar " + NODE_JAR + ", which was not found from "
                        + Path.of("").toAbsolutePath() + "; build it with: mvn -B -o -q -pl overlay install -DskipTests"
                        + " (or a full mvn install), or point -Dtestbed.docker.nodeJar at it"));
    }

    /**
     * The adversary's jar that goes on the node image's class path beside {@code nodeJar}, so that a node host can switch
     * on the adversary's malice ({@code NodeMalice}, {@code POST /v1/malice}): {@code -Dtestbed.docker.adversaryJar}, else
     * {@code adversary/target/p2p-testbed-adversary-*.jar} of the checkout the node jar was built in; empty when neither
     * exists (the image then has no such malice).
     */
    public static Optional<Path> adversaryJar(Path nodeJar) {
        String prop = System.getProperty("testbed.docker.adversaryJar");
        if (prop != null && !prop.isBlank()) {
            if (!Files.isRegularFile(Path.of(prop))) {
                throw new IllegalStateException("testbed.docker.adversaryJar names " + prop + ", which is not a file");
            }
            return Optional.of(Path.of(prop));
        }
        Path targetDir = nodeJar.toAbsolutePath().getParent(); // <checkout>/overlay/target
        Path module = targetDir == null ? null : targetDir.getParent();
        Path target = module == null || module.getParent() == null ? null : module.getParent().resolve("adversary/target");
        if (target == null || !Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (java.util.stream.Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("p2p-testbed-adversary-") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                        && !n.endsWith("-javadoc.jar") && !n.endsWith("-tests.jar");
            }).sorted().findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> find(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(NODE_JAR);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path require(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("node jar " + p + " does not exist; build it with: "
                    + "mvn -B -o -q -pl overlay install -DskipTests");
        }
        return p;
    }
}
