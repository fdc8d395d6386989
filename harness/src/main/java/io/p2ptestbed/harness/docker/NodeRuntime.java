package io.p2ptestbed.harness.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A root file system for FROM scratch node images: a jlink'ed Java runtime under {@code /jre}, the glibc shared
 * libraries {@code ldd} reports for it (copied at their host paths, symlinks resolved), {@code /etc/nsswitch.conf}
 * ({@code hosts: files dns}), a minimal {@code /etc/passwd} and a world-writable {@code /tmp}.
 *
 * <p>Built once per (JDK, module set, layout version) and cached under {@code <cacheRoot>/jre-<id>/rootfs}; the
 * cache entry is published with an atomic rename, so concurrent builders (parallel surefire forks) are safe.
 */
public final class NodeRuntime {
    /** Bump when the rootfs layout or jlink options change, to invalidate caches. */
    static final int LAYOUT_VERSION = 2;

    static final List<String> JLINK_OPTIONS = List.of(
            "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=0", "--generate-cds-archive");

    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)");

    private final String id;
    private final Path rootfs;
    private final boolean createdNow;
    private final Duration creationTime;
    private final List<String> hostLibraries;

    private NodeRuntime(String id, Path rootfs, boolean createdNow, Duration creationTime, List<String> libs) {
        this.id = id;
        this.rootfs = rootfs;
        this.createdNow = createdNow;
        this.creationTime = creationTime;
        this.hostLibraries = libs;
    }

    /** Default cache root: {@code $P2PTESTBED_CACHE}, else {@code ~/.cache/p2ptestbed}. */
    public static Path defaultCacheRoot() {
        String env = System.getenv("P2PTESTBED_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "p2ptestbed");
    }

    /** Returns the cached runtime for {@code modules}, creating it (jlink + ldd, ~5-10 s) if missing. */
    public static NodeRuntime ensure(Path cacheRoot, Set<String> modules) {
        Set<String> mods = new TreeSet<>(modules);
        mods.add("java.base");
        Path javaHome = jdkHome();
        String id = runtimeId(javaHome, mods);
        Path entry = cacheRoot.resolve("jre-" + id);
        Path rootfs = entry.resolve("rootfs");
        Path done = entry.resolve("COMPLETE");
        try {
            if (Files.exists(done)) {
                return new NodeRuntime(id, rootfs, false, Duration.ZERO, Files.readAllLines(entry.resolve("libs.txt")));
            }
            long t0 = System.nanoTime();
            Files.createDirectories(cacheRoot);
            Path tmp = Files.createTempDirectory(cacheRoot, "jre-tmp-");
            try {
                Path jlinkOut = tmp.resolve("jlink");
                List<String> cmd = new ArrayList<>(List.of(javaHome.resolve("bin/jlink").toString(),
                        "--add-modules", String.join(",", mods), "--output", jlinkOut.toString()));
                cmd.addAll(JLINK_OPTIONS);
                run(cmd, Duration.ofMinutes(3));

                Path stage = tmp.resolve("rootfs");
                copyDereferenced(jlinkOut, stage.resolve("jre"));
                // node heaps are far below 32 GiB, so compressed oops are always on: the no-coops archive is dead weight
                Files.deleteIfExists(stage.resolve("jre/lib/server/classes_nocoops.jsa"));
                List<String> libs = collectLibraries(stage.resolve("jre"));
                for (String lib : libs) {
                    Path dst = stage.resolve(lib.substring(1));
                    Files.createDirectories(dst.getParent());
                    Files.copy(Path.of(lib), dst, StandardCopyOption.REPLACE_EXISTING); // follows symlinks
                }
                Path etc = Files.createDirectories(stage.resolve("etc"));
                Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
                Files.writeString(etc.resolve("passwd"),
                        "root:x:0:0:root:/root:/nonexistent\nnobody:x:65534:65534:nobody:/nonexistent:/nonexistent\n");
                Files.writeString(etc.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
                Path tmpDir = Files.createDirectories(stage.resolve("tmp"));
                Files.setAttribute(tmpDir, "unix:mode", 01777);

                Files.createDirectories(tmp.resolve("entry"));
                Files.move(stage, tmp.resolve("entry/rootfs"), StandardCopyOption.ATOMIC_MOVE);
                Files.write(tmp.resolve("entry/libs.txt"), libs, StandardCharsets.UTF_8);
                Files.writeString(tmp.resolve("entry/COMPLETE"), "modules=" + mods + "\njavaHome=" + javaHome + "\n");
                try {
                    Files.move(tmp.resolve("entry"), entry, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    // another process won the race (or a stale half-entry exists)
                    if (!Files.exists(done)) {
                        deleteTree(entry);
                        Files.move(tmp.resolve("entry"), entry, StandardCopyOption.ATOMIC_MOVE);
                    }
                } catch (IOException e) {
                    if (!Files.exists(done)) {
                        throw e;
                    }
                }
                return new NodeRuntime(id, rootfs, true, Duration.ofNanos(System.nanoTime() - t0), libs);
            } finally {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create node runtime in " + entry, e);
        }
    }

    /** Content-independent id of the runtime: JDK identity + modules + options + layout version. */
    public String id() {
        return id;
    }

    /** Directory whose content becomes {@code /} of the image. */
    public Path rootfs() {
        return rootfs;
    }

    public boolean createdNow() {
        return createdNow;
    }

    public Duration creationTime() {
        return creationTime;
    }

    /** Host paths of the shared libraries copied into the rootfs. */
    public List<String> hostLibraries() {
        return hostLibraries;
    }

    private static Path jdkHome() {
        Path home = Path.of(System.getProperty("java.home"));
        if (Files.isExecutable(home.resolve("bin/jlink")) && Files.isDirectory(home.resolve("jmods"))) {
            return home;
        }
        String env = System.getenv("JAVA_HOME");
        if (env != null && Files.isExecutable(Path.of(env, "bin/jlink")) && Files.isDirectory(Path.of(env, "jmods"))) {
            return Path.of(env);
        }
        throw new IllegalStateException("Need a full JDK with bin/jlink and jmods/ (java.home=" + home
                + ", JAVA_HOME=" + env + "); on Debian: apt-get install openjdk-17-jdk-headless");
    }

    private static String runtimeId(Path javaHome, Set<String> mods) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String release = Files.exists(javaHome.resolve("release")) ? Files.readString(javaHome.resolve("release")) : "";
            String key = "layout=" + LAYOUT_VERSION + "\nhome=" + javaHome.toRealPath() + "\nrelease=" + release
                    + "\nvm=" + System.getProperty("java.vm.version") + "\nmods=" + mods + "\nopts=" + JLINK_OPTIONS
                    + "\narch=" + System.getProperty("os.arch");
            return HexFormat.of().formatHex(md.digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Host libraries (outside {@code jre}) needed by bin/java and every .so in the runtime, incl. the loader. */
    static List<String> collectLibraries(Path jre) throws IOException {
        List<Path> objects = new ArrayList<>();
        objects.add(jre.resolve("bin/java"));
        try (Stream<Path> s = Files.walk(jre.resolve("lib"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".so")).forEach(objects::add);
        }
        Set<String> libs = new TreeSet<>();
        String jreReal = jre.toRealPath().toString();
        for (Path obj : objects) {
            String out = run(List.of("ldd", obj.toString()), Duration.ofSeconds(30));
            for (String line : out.split("\n")) {
                if (line.contains("not found")) {
                    continue; // e.g. libjvm.so from lib/*.so: resolved at runtime by the JVM itself
                }
                Matcher m = LDD_PATH.matcher(line);
                if (m.find()) {
                    String p = m.group(1);
                    Path real = Path.of(p).toRealPath();
                    if (!real.toString().startsWith(jreReal) && !p.contains("/jre/")) {
                        libs.add(p);
                    }
                }
            }
        }
        if (libs.stream().noneMatch(l -> l.contains("ld-linux"))) {
            throw new IllegalStateException("ldd reported no dynamic loader for " + jre + "/bin/java");
        }
        return List.copyOf(libs);
    }

    private static void copyDereferenced(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path d = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(d);
                } else {
                    Files.copy(p, d, StandardCopyOption.COPY_ATTRIBUTES); // follows symlinks (legal/ notices)
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String run(List<String> cmd, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + " from " + cmd + ":\n" + text);
        }
        return text;
    }
}
