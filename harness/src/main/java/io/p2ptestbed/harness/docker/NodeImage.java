package io.p2ptestbed.harness.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * A FROM scratch Docker image that runs classes of one fat jar on a jlink'ed runtime ({@link NodeRuntime}):
 * <pre>
 *   ENTRYPOINT ["/jre/bin/java", &lt;jvmFlags&gt;..., "-cp", "/app/node.jar"]
 *   container command: [main class, args...]   (one image serves node hosts and socket hosts)
 * </pre>
 * The tag is a content hash of (jar bytes, runtime id, JVM flags, user), so {@link Builder#build()} with an unchanged
 * jar finds the image with {@code docker image inspect} and does not rebuild. Nothing is pulled: no registry needed.
 * Images are a cache and are never removed by {@link DockerSweeper}.
 */
public final class NodeImage {

    /** Modules of the runtime unless overridden; add jdk.crypto.ec / java.naming only if the node needs them. */
    public static final Set<String> DEFAULT_MODULES =
            Set.of("java.base", "java.logging", "java.management", "jdk.unsupported", "jdk.httpserver");

    /**
     * Measured defaults (spike, JDK 17.0.15, docker 20.10, cgroup v1): idle Netty NIO UDP node ~19 MiB docker-stats
     * memory (RssAnon ~18 MiB, plus ~22 MiB file-backed RSS shared by all containers of the runtime);
     * plain DatagramSocket node ~14 MiB.
     */
    public static final List<String> DEFAULT_JVM_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-Xss256k",
            "-XX:TieredStopAtLevel=1",
            "-Xms4m",
            "-Xmx24m",
            "-XX:MaxMetaspaceSize=48m",
            "-XX:ReservedCodeCacheSize=16m",
            "-XX:CICompilerCount=1",
            "-XX:-UsePerfData",
            // map the CDS archive at its requested address instead of relocating it (JDK 17 default
            // ArchiveRelocationMode=1): relocation dirties ~5 MiB of the archive into private anonymous memory per JVM
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:ArchiveRelocationMode=0",
            "-XX:+ExitOnOutOfMemoryError",
            "-Xshare:auto");

    public static final String DEFAULT_REPOSITORY = "p2ptestbed/node";
    /** Repository of the runtime-only base images. */
    public static final String RUNTIME_REPOSITORY = "p2ptestbed/jre";
    /** nobody:nogroup; the runtime has a world-writable /tmp. */
    public static final String DEFAULT_USER = "65534:65534";

    private final String imageName;
    private final String contentHash;
    private final boolean builtNow;
    private final Duration ensureTime;
    private final NodeRuntime runtime;
    private final List<String> entrypoint;

    private NodeImage(String imageName, String contentHash, boolean builtNow, Duration ensureTime, NodeRuntime runtime,
            List<String> entrypoint) {
        this.imageName = imageName;
        this.contentHash = contentHash;
        this.builtNow = builtNow;
        this.ensureTime = ensureTime;
        this.runtime = runtime;
        this.entrypoint = entrypoint;
    }

    /** Start describing the image for {@code fatJar} (an executable jar with a Main-Class manifest entry). */
    public static Builder forJar(Path fatJar) {
        return new Builder(fatJar);
    }

    /** Shortcut: default modules, flags, repository and cache. */
    public static NodeImage ensure(Path fatJar) {
        return forJar(fatJar).build();
    }

    /** {@code repository:tag}, usable with {@code new GenericContainer<>(DockerImageName.parse(...))}. */
    public String imageName() {
        return imageName;
    }

    public DockerImageName dockerImageName() {
        return DockerImageName.parse(imageName);
    }

    /** Full content hash; the tag is its first 20 hex digits. */
    public String contentHash() {
        return contentHash;
    }

    /** False when an image with this content hash already existed. */
    public boolean builtNow() {
        return builtNow;
    }

    /** Wall time spent in {@link Builder#build()}: hashing, the runtime (if not cached), and the docker build. */
    public Duration ensureTime() {
        return ensureTime;
    }

    public NodeRuntime runtime() {
        return runtime;
    }

    public List<String> entrypoint() {
        return entrypoint;
    }

    /** True if the engine has an image with this name. */
    public static boolean exists(String imageName) {
        try {
            client().inspectImageCmd(imageName).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "NodeImage[" + imageName + (builtNow ? " built" : " reused") + " in " + ensureTime.toMillis() + " ms]";
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /** Options; every one of them is part of the content hash. */
    public static final class Builder {
        private final Path jar;
        private final Set<String> modules = new LinkedHashSet<>(DEFAULT_MODULES);
        private final List<String> jvmFlags = new ArrayList<>(DEFAULT_JVM_FLAGS);
        private String repository = DEFAULT_REPOSITORY;
        private String user = DEFAULT_USER;
        private Path cacheRoot = NodeRuntime.defaultCacheRoot();
        private List<String> cdsTraining;
        private final List<Path> extraJars = new ArrayList<>();

        private Builder(Path jar) {
            this.jar = jar.toAbsolutePath();
        }

        public Builder addModules(String... more) {
            modules.addAll(List.of(more));
            return this;
        }

        public Builder modules(Collection<String> all) {
            modules.clear();
            modules.addAll(all);
            return this;
        }

        /** Replace all JVM flags (defaults: {@link #DEFAULT_JVM_FLAGS}). */
        public Builder jvmFlags(List<String> flags) {
            jvmFlags.clear();
            jvmFlags.addAll(flags);
            return this;
        }

        public Builder addJvmFlags(String... flags) {
            jvmFlags.addAll(List.of(flags));
            return this;
        }

        public Builder repository(String repo) {
            this.repository = repo;
            return this;
        }

        /** Container user, "uid:gid"; null = root. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder cacheRoot(Path dir) {
            this.cacheRoot = dir;
            return this;
        }

        /**
         * Adds an application class-data-sharing archive: {@code training} (main class and arguments) runs once
         * in a container without network with {@code -XX:ArchiveClassesAtExit}, and the image is rebuilt with
         * the archive and {@code -XX:SharedArchiveFile}. Every container then maps the application's class
         * metadata from one shared file instead of loading and verifying it: less CPU at start-up (what
         * bounds how fast 100 containers come up on two cores) and less private memory per container.
         */
        /**
         * Adds a jar to the class path after the node jar (e.g. the adversary's, whose {@code NodeMalice} the node host
         * finds with {@code ServiceLoader}); its bytes are part of the content hash.
         */
        public Builder addJar(Path extra) {
            extraJars.add(extra.toAbsolutePath());
            return this;
        }

        public Builder appCds(List<String> training) {
            this.cdsTraining = List.copyOf(training);
            return this;
        }

        /** Ensures the image exists (build only if the content hash is unknown to the engine) and describes it. */
        public NodeImage build() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("not a file: " + jar);
            }
            long t0 = System.nanoTime();
            NodeRuntime runtime = NodeRuntime.ensure(cacheRoot, modules);
            List<String> entrypoint = new ArrayList<>();
            entrypoint.add("/jre/bin/java");
            entrypoint.addAll(jvmFlags);
            StringBuilder classPath = new StringBuilder("/app/node.jar");
            for (int i = 0; i < extraJars.size(); i++) {
                if (!Files.isRegularFile(extraJars.get(i))) {
                    throw new IllegalArgumentException("not a file: " + extraJars.get(i));
                }
                classPath.append(":/app/lib").append(i).append(".jar");
            }
            entrypoint.addAll(List.of("-cp", classPath.toString()));

            String hash = contentHash(jar, extraJars, runtime.id(), entrypoint, user);
            String name = repository + ":" + hash.substring(0, 20);
            boolean built = false;
            if (!exists(name)) {
                String base = ensureRuntimeImage(runtime);
                StringBuilder copies = new StringBuilder("COPY node.jar /app/node.jar\n");
                for (int i = 0; i < extraJars.size(); i++) {
                    copies.append("COPY lib").append(i).append(".jar /app/lib").append(i).append(".jar\n");
                }
                String dockerfile = "FROM " + base + "\n"
                        + copies
                        + "LABEL " + DockerLabels.IMAGE + "=\"" + hash + "\"\n"
                        + (user == null ? "" : "USER " + user + "\n")
                        + "ENTRYPOINT [" + entrypoint.stream().map(NodeImage::jsonString).collect(Collectors.joining(", "))
                        + "]\n";
                ImageFromDockerfile context = new ImageFromDockerfile(name, false)
                        .withFileFromPath("node.jar", jar)
                        .withFileFromString("Dockerfile", dockerfile);
                for (int i = 0; i < extraJars.size(); i++) {
                    context = context.withFileFromPath("lib" + i + ".jar", extraJars.get(i));
                }
                dockerBuild(name, context);
                built = true;
            }
            if (cdsTraining != null) {
                List<String> cdsEntry = new ArrayList<>(entrypoint);
                cdsEntry.add(cdsEntry.size() - 2, "-XX:SharedArchiveFile=" + AppCds.ARCHIVE);
                String cdsHash = contentHash(jar, extraJars, runtime.id(), cdsEntry, user + "\0cds=" + cdsTraining);
                String cdsName = repository + ":" + cdsHash.substring(0, 20);
                if (!exists(cdsName)) {
                    AppCds.build(name, cdsName, cdsHash, cdsTraining, cdsEntry);
                    built = true;
                }
                return new NodeImage(cdsName, cdsHash, built, Duration.ofNanos(System.nanoTime() - t0), runtime,
                        List.copyOf(cdsEntry));
            }
            return new NodeImage(name, hash, built, Duration.ofNanos(System.nanoTime() - t0), runtime,
                    List.copyOf(entrypoint));
        }
    }

    /**
     * The runtime as its own FROM scratch base image {@code p2ptestbed/jre:<runtimeId>} (~65 MB, built once, ~4 s),
     * so that a node image build only sends the jar as build context (~0.3 s), and all node images share the
     * runtime layer on disk and in the page cache (libjvm.so, CDS archive, lib/modules are file-backed, shared RSS).
     * It exists locally when the node build runs, so Testcontainers' base-image pre-pull finds it and pulls nothing.
     */
    static String ensureRuntimeImage(NodeRuntime runtime) {
        String base = RUNTIME_REPOSITORY + ":" + runtime.id();
        if (!exists(base)) {
            dockerBuild(base, new ImageFromDockerfile(base, false)
                    .withFileFromPath("rootfs", runtime.rootfs())
                    .withFileFromString("Dockerfile", "FROM scratch\nCOPY rootfs/ /\nLABEL "
                            + DockerLabels.IMAGE + ".runtime=\"" + runtime.id() + "\"\n"));
        }
        return base;
    }

    static void dockerBuild(String name, ImageFromDockerfile image) {
        try {
            image.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("docker build of " + name + " failed: " + e.getMessage(), e);
        }
    }

    static String contentHash(Path jar, String runtimeId, List<String> entrypoint, String user) {
        return contentHash(jar, List.of(), runtimeId, entrypoint, user);
    }

    static String contentHash(Path jar, List<Path> extraJars, String runtimeId, List<String> entrypoint, String user) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> all = new ArrayList<>();
            all.add(jar);
            all.addAll(extraJars);
            for (Path p : all) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            md.update(("\0runtime=" + runtimeId + "\0entry=" + entrypoint + "\0user=" + user)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
