package io.p2ptestbed.harness.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap, quiet probe of the Docker engine, done with a raw HTTP request on the engine socket <em>before</em>
 * Testcontainers is touched (Testcontainers' own detection logs long stack traces when no engine is there).
 * Never throws; {@link Status#message()} is a one-paragraph, human-readable explanation.
 */
public final class DockerAvailability {

    public static final String SETUP_HINT = "run .ci/docker-setup.sh (installs docker.io and starts dockerd)";

    /** Environment variable that turns "skip docker scenarios without an engine" into "fail them". */
    public static final String REQUIRE_ENV = "TESTBED_REQUIRE_DOCKER";

    /** Whether docker scenarios must run ({@value #REQUIRE_ENV}=1 or true, as CI sets it). */
    public static boolean required() {
        String v = System.getenv(REQUIRE_ENV);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    /**
     * @param available     engine answered {@code /_ping}
     * @param message       human-readable summary (why not, or which engine), including environment warnings
     * @param serverVersion engine version, or null
     * @param warnings      problems that will make Testcontainers misbehave although the engine is up
     */
    public record Status(boolean available, String message, String serverVersion, List<String> warnings) {
        /** Throws {@link IllegalStateException} with the message only (no cause, no trace noise). */
        public Status orThrow() {
            if (!available) {
                throw new IllegalStateException(message);
            }
            return this;
        }

        /**
         * The engine answers and the environment lets Testcontainers use it without pulling anything (without
         * the two variables it tries to pull images that cannot be pulled here and hangs for minutes).
         */
        public boolean usable() {
            return available && warnings.isEmpty();
        }

        /** Throws unless {@link #usable()}, with what to do. */
        public Status orThrowUnlessUsable() {
            orThrow();
            if (!warnings.isEmpty()) {
                throw new IllegalStateException("the docker runtime cannot use the engine yet: " + String.join("; ", warnings)
                        + " (export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost)");
            }
            return this;
        }
    }

    private DockerAvailability() {}

    /**
     * The default probe's budgets: a first answer within 3 s, else a fresh probe with 10 s, then one with 20 s. On a
     * machine loaded by other jobs and other runs' containers a single 3 s probe timed out while the engine was up, and
     * every docker scenario was then skipped (2026-12-07 08:56 UTC, load average 31 to 37 with 32 containers up).
     */
    public static final long[] DEFAULT_BUDGETS_MILLIS = {3_000, 10_000, 20_000};

    /** Probe with {@link #DEFAULT_BUDGETS_MILLIS}, using {@code DOCKER_HOST} or {@code /var/run/docker.sock}. */
    public static Status check() {
        return check(System.getenv(), DEFAULT_BUDGETS_MILLIS);
    }

    /**
     * Probe with the given environment (for tests) and time budgets: one probe per budget, each on a fresh connection
     * and its own thread, the next one only when the previous did not answer in time (an engine that answers with an
     * error or refuses the connection is not asked again).
     */
    public static Status check(Map<String, String> env, long... budgetsMillis) {
        if (budgetsMillis.length == 0) {
            throw new IllegalArgumentException("at least one time budget is needed for the Docker engine probe");
        }
        List<String> warnings = envWarnings(env);
        String dockerHost = env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        SocketAddress address;
        String where;
        try {
            URI uri = URI.create(dockerHost);
            if ("unix".equals(uri.getScheme())) {
                Path sock = Path.of(uri.getPath());
                where = sock.toString();
                if (!Files.exists(sock)) {
                    return new Status(false, "No Docker engine: socket " + sock + " does not exist; " + SETUP_HINT + ".",
                            null, warnings);
                }
                address = UnixDomainSocketAddress.of(sock);
            } else if ("tcp".equals(uri.getScheme())) {
                where = uri.getHost() + ":" + uri.getPort();
                if (uri.getPort() < 0) {
                    return new Status(false, "DOCKER_HOST has no port: " + dockerHost, null, warnings);
                }
                address = new InetSocketAddress(uri.getHost(), uri.getPort());
            } else {
                return new Status(false, "Unsupported DOCKER_HOST scheme (want unix:// or tcp://): " + dockerHost,
                        null, warnings);
            }
        } catch (IllegalArgumentException e) {
            return new Status(false, "Malformed DOCKER_HOST '" + dockerHost + "': " + e.getMessage(), null, warnings);
        }

        List<String> waited = new ArrayList<>();
        for (int attempt = 0; attempt < budgetsMillis.length; attempt++) {
            long budget = budgetsMillis[attempt];
            waited.add(budget + " ms");
            Probe probe = new Probe(address);
            Thread t = new Thread(probe, "docker-engine-probe-" + (attempt + 1));
            t.setDaemon(true);
            t.start();
            String[] r;
            try {
                r = probe.result.get(budget, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                probe.abandon();
                if (attempt + 1 < budgetsMillis.length) {
                    System.err.println("[docker] the engine at " + where + " did not answer within " + budget
                            + " ms; probing again with " + budgetsMillis[attempt + 1] + " ms");
                }
                continue;
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                return new Status(false, "Cannot talk to Docker engine at " + where + " (" + c.getClass().getSimpleName()
                        + ": " + c.getMessage() + "); is dockerd running? " + SETUP_HINT + ".", null, warnings);
            } catch (InterruptedException e) {
                probe.abandon();
                Thread.currentThread().interrupt();
                return new Status(false, "Interrupted while probing Docker engine", null, warnings);
            }
            if (!r[0].startsWith("HTTP/1.1 200") && !r[0].startsWith("HTTP/1.0 200")) {
                return new Status(false, "Docker engine at " + where + " answered /_ping with: "
                        + r[0].lines().findFirst().orElse("?") + "; " + SETUP_HINT + ".", null, warnings);
            }
            Matcher m = Pattern.compile("\"Version\"\\s*:\\s*\"([^\"]+)\"").matcher(r[1]);
            String version = m.find() ? m.group(1) : "unknown";
            StringBuilder msg = new StringBuilder("Docker engine " + version + " reachable at " + where);
            if (attempt > 0) {
                msg.append(" (answered probe ").append(attempt + 1).append(" of ").append(budgetsMillis.length)
                        .append(", after no answer within ").append(String.join(", then ", waited.subList(0, attempt)))
                        .append(")");
            }
            for (String w : warnings) {
                msg.append("; WARNING: ").append(w);
            }
            return new Status(true, msg.toString(), version, warnings);
        }
        String attempts = budgetsMillis.length == 1 ? ""
                : " (" + budgetsMillis.length + " probes, each on a fresh connection)";
        return new Status(false, "Docker engine at " + where + " did not answer within " + String.join(", then ", waited)
                + attempts + " (is dockerd hung or still starting, or the machine overloaded?); " + SETUP_HINT + ".",
                null, warnings);
    }

    /** One probe: {@code /_ping} then {@code /version} on its own connections; {@link #abandon()} closes them. */
    private static final class Probe implements Runnable {
        private final SocketAddress address;
        private final CompletableFuture<String[]> result = new CompletableFuture<>();
        private volatile SocketChannel open;
        private volatile boolean abandoned;

        Probe(SocketAddress address) {
            this.address = address;
        }

        @Override
        public void run() {
            try {
                String ping = httpGet("/_ping");
                String version = httpGet("/version");
                result.complete(new String[] {ping, version});
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        /** Closes the connection in use, which ends a read blocked on a silent engine (the thread then ends). */
        void abandon() {
            abandoned = true;
            SocketChannel ch = open;
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing only to unblock the probe thread
                }
            }
        }

        private String httpGet(String path) throws IOException {
            StandardProtocolFamily family = address instanceof UnixDomainSocketAddress
                    ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET;
            try (SocketChannel ch = SocketChannel.open(family)) {
                open = ch;
                if (abandoned) {
                    throw new IOException("probe abandoned");
                }
                ch.connect(address);
                String req = "GET " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";
                ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read until EOF (Connection: close) or buffer full
                }
                buf.flip();
                return StandardCharsets.UTF_8.decode(buf).toString();
            }
        }
    }

    private static List<String> envWarnings(Map<String, String> env) {
        List<String> w = new ArrayList<>();
        if (!"true".equalsIgnoreCase(env.get("TESTCONTAINERS_RYUK_DISABLED"))) {
            w.add("TESTCONTAINERS_RYUK_DISABLED=true is not set in the environment: Testcontainers will try to pull"
                    + " the Ryuk image, which fails without a registry");
        }
        if (env.get("TESTCONTAINERS_HOST_OVERRIDE") == null) {
            w.add("TESTCONTAINERS_HOST_OVERRIDE is not set in the environment (use 'localhost'): Testcontainers may try"
                    + " to pull alpine to detect the docker host and hang");
        }
        return w;
    }
}
