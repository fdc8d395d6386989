package io.p2ptestbed.harness.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One real libtorrent DHT node, run as a subprocess of {@code interop/libtorrent_dht_node.py} (see
 * interop/README.md), with its JSON-lines stdout parsed on a background thread. Every address it is given must
 * be in 127.0.0.0/8 (the script refuses anything else). {@link #close()} always ends the process.
 */
final class LibtorrentDhtProcess implements AutoCloseable {

    /** Debian's interpreter: a pyenv/venv python3 earlier on PATH has no libtorrent module. */
    static final String DEFAULT_PYTHON = "/usr/bin/python3";

    /** Exit code of the script when the ip:port is taken or libtorrent could not listen. */
    static final int EXIT_LISTEN_FAILED = 4;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_LINES_KEPT = 200;

    private final Process process;
    private final NodeAddress bind;
    private final long startedNanos = System.nanoTime();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private final Thread shutdownHook;
    private volatile JsonNode ready;
    private volatile JsonNode lastState;

    private LibtorrentDhtProcess(Process process, NodeAddress bind) {
        this.process = process;
        this.bind = bind;
        this.stdoutReader = daemon("libtorrent-stdout", process.getInputStream(), this::onStdout);
        this.stderrReader = daemon("libtorrent-stderr", process.getErrorStream(), this::onStderr);
        // if the test JVM dies, do not leave the node running (it would also stop by itself after --seconds)
        this.shutdownHook = new Thread(process::destroyForcibly, "libtorrent-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Which python3 to use: env TESTBED_PYTHON, else Debian's /usr/bin/python3. */
    static String python() {
        String p = System.getenv("TESTBED_PYTHON");
        return p == null || p.isBlank() ? DEFAULT_PYTHON : p;
    }

    /** interop/libtorrent_dht_node.py, found from the Maven module dir (harness/) or the repository root. */
    static Optional<Path> script() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        for (Path dir = base; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("interop").resolve("libtorrent_dht_node.py");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    /**
     * Why libtorrent cannot be used here, or empty when {@code python3 -c "import libtorrent"} works and the
     * script exists.
     */
    static Optional<String> unavailableReason() {
        if (script().isEmpty()) {
            return Optional.of("interop/libtorrent_dht_node.py not found above " + Path.of("").toAbsolutePath());
        }
        String py = python();
        if (!Files.isExecutable(Path.of(py))) {
            return Optional.of(py + " does not exist (install Debian's python3 and python3-libtorrent)");
        }
        try {
            Process p = new ProcessBuilder(py, "-c", "import libtorrent; print(libtorrent.__version__)")
                    .redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.of(py + " -c 'import libtorrent' did not finish within 30 s");
                }
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (p.exitValue() != 0) {
                return Optional.of("python3-libtorrent is not installed for " + py + " (apt-get install -y python3-libtorrent): "
                        + lastLine(out));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot run " + py + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing " + py);
        }
    }

    /**
     * Starts the script on the first free address among {@code binds} (port {@code port}), waiting up to
     * {@code readyTimeoutMillis} for its "ready" line. An address whose port is taken (exit code 4) is skipped.
     */
    static LibtorrentDhtProcess start(List<NodeAddress> binds, List<String> extraArgs, long readyTimeoutMillis)
            throws IOException, InterruptedException {
        StringBuilder failures = new StringBuilder();
        for (NodeAddress bind : binds) {
            if (!bind.isLoopback()) {
                throw new IllegalArgumentException("libtorrent must bind a 127.0.0.0/8 address, got " + bind);
            }
            List<String> cmd = new ArrayList<>(List.of(python(), "-u", script().orElseThrow().toString(),
                    "--bind", bind.host(), "--port", Integer.toString(bind.port())));
            cmd.addAll(extraArgs);
            Process p = new ProcessBuilder(cmd).start();
            LibtorrentDhtProcess lt = new LibtorrentDhtProcess(p, bind);
            if (lt.awaitReady(readyTimeoutMillis)) {
                System.out.println("[libtorrent] started: " + String.join(" ", cmd));
                return lt;
            }
            lt.close();
            Integer code = p.isAlive() ? null : p.exitValue();
            failures.append("\n  ").append(bind).append(": exit code ").append(code).append(", stderr: ").append(lt.stderrTail());
            if (code == null || code != EXIT_LISTEN_FAILED) {
                break; // not a busy port: trying another address will not help
            }
        }
        throw new IllegalStateException("libtorrent DHT node did not start:" + failures);
    }

    private boolean awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (ready == null && process.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (ready == null && !process.isAlive()) {
            stdoutReader.join(2_000); // a ready line may still be in the pipe
        }
        return ready != null;
    }

    NodeAddress address() {
        return bind;
    }

    NodeId nodeId() {
        return NodeId.fromHex(ready.get("node_id").asText());
    }

    String version() {
        return ready.path("libtorrent").asText();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Seconds since the process was started. */
    double uptimeSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** The newest "state" line, or null before the first one. */
    JsonNode lastState() {
        return lastState;
    }

    List<JsonNode> events(String name) {
        return events.stream().filter(e -> name.equals(e.path("event").asText())).toList();
    }

    /** Ids in libtorrent's main routing table, from the newest state line. */
    List<RoutingEntry> routingTable() {
        JsonNode s = lastState;
        List<RoutingEntry> out = new ArrayList<>();
        if (s != null) {
            for (JsonNode n : s.path("routing_table")) {
                out.add(new RoutingEntry(NodeId.fromHex(n.get("id").asText()),
                        NodeAddress.parse(n.get("ip").asText() + ":" + n.get("port").asInt())));
            }
        }
        return out;
    }

    /** Peers that libtorrent's get_peers lookups returned so far (newest state line). */
    List<NodeAddress> peersFound() {
        JsonNode s = lastState;
        List<NodeAddress> out = new ArrayList<>();
        if (s != null) {
            for (JsonNode p : s.path("peers_found")) {
                out.add(NodeAddress.parse(p.get("ip").asText() + ":" + p.get("port").asInt()));
            }
        }
        return out;
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code timeoutMillis} passed (or the process died). */
    boolean await(Predicate<LibtorrentDhtProcess> condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.test(this)) {
                return true;
            }
            if (!process.isAlive()) {
                stdoutReader.join(2_000);
                return condition.test(this);
            }
            Thread.sleep(100);
        }
        return condition.test(this);
    }

    /** Diagnostics for assertion messages: exit state, newest state line, stderr tail. */
    String describe() {
        return "libtorrent@" + bind + " (" + (process.isAlive() ? "running" : "exited " + process.exitValue())
                + String.format(", up %.1f s)", uptimeSeconds())
                + "\n  last state: " + lastState
                + "\n  stderr: " + stderrTail();
    }

    String stderrTail() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "(empty)" : String.join("\n          ", stderr);
        }
    }

    /** SIGTERM (the script then prints a final state and exits 0), SIGKILL after 5 s. Idempotent. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
            stdoutReader.join(2_000);
            stderrReader.join(2_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void onStdout(String line) {
        if (!line.startsWith("{")) {
            onStderr("(stdout) " + line);
            return;
        }
        try {
            JsonNode e = JSON.readTree(line);
            events.add(e);
            switch (e.path("event").asText()) {
                case "ready" -> ready = e;
                case "state" -> lastState = e;
                default -> System.out.println("[libtorrent] " + line);
            }
        } catch (IOException ex) {
            onStderr("(unparsable stdout) " + line);
        }
    }

    private void onStderr(String line) {
        System.out.println("[libtorrent stderr] " + line);
        synchronized (stderr) {
            stderr.addLast(line);
            while (stderr.size() > STDERR_LINES_KEPT) {
                stderr.removeFirst();
            }
        }
    }

    private static Thread daemon(String name, InputStream in, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException closed) {
                // process ended
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String lastLine(String s) {
        String[] lines = s.split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    /** One entry of libtorrent's main routing table. */
    record RoutingEntry(NodeId id, NodeAddress address) {}
}
