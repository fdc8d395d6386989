package io.p2ptestbed.harness.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** No engine needed: probes addresses where no Docker engine is (loopback / local files only). */
class DockerAvailabilityTest {
    private static final Map<String, String> TC_ENV =
            Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

    @Test
    void missingSocketGivesClearMessage() {
        var env = new java.util.HashMap<>(TC_ENV);
        env.put("DOCKER_HOST", "unix:///tmp/p2ptestbed-no-such-docker.sock");
        DockerAvailability.Status s = DockerAvailability.check(env, 1000);
        System.out.println("[availability] " + s.message());
        assertFalse(s.available());
        assertTrue(s.message().contains("does not exist"), s.message());
        assertTrue(s.message().contains("docker-setup.sh"), s.message());
        IllegalStateException e = assertThrows(IllegalStateException.class, s::orThrow);
        assertEquals(s.message(), e.getMessage());
        assertEquals(null, e.getCause(), "no cause: nothing to dump");
    }

    @Test
    void refusedTcpGivesClearMessage() {
        var env = new java.util.HashMap<>(TC_ENV);
        env.put("DOCKER_HOST", "tcp://127.0.0.1:1");
        DockerAvailability.Status s = DockerAvailability.check(env, 1000);
        System.out.println("[availability] " + s.message());
        assertFalse(s.available());
        assertTrue(s.message().contains("Cannot talk to Docker engine"), s.message());
    }

    @Test
    void silentSocketTimesOut() throws Exception {
        DockerAvailability.Status s = probeSilentSocket(500);
        assertFalse(s.available());
        assertTrue(s.message().contains("did not answer within 500 ms"), s.message());
    }

    @Test
    void silentSocketIsProbedOncePerBudgetAndTheMessageNamesEveryWait() throws Exception {
        DockerAvailability.Status s = probeSilentSocket(200, 400);
        assertFalse(s.available());
        assertTrue(s.message().contains("did not answer within 200 ms, then 400 ms (2 probes"), s.message());
    }

    /** Probes a socket that accepts (backlog) but never answers, with the given budgets. */
    private static DockerAvailability.Status probeSilentSocket(long... budgets) throws IOException {
        Path sock = Files.createTempDirectory("p2ptb").resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            var env = new java.util.HashMap<>(TC_ENV);
            env.put("DOCKER_HOST", "unix://" + sock);
            DockerAvailability.Status s = DockerAvailability.check(env, budgets);
            System.out.println("[availability] " + s.message());
            return s;
        } finally {
            Files.deleteIfExists(sock);
        }
    }

    /** An engine too slow for the first probe (it never answers that connection) answers the second: available. */
    @Test
    void engineThatAnswersOnlyTheSecondProbeIsAvailable() throws Exception {
        Path sock = Files.createTempDirectory("p2ptb").resolve("slow.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            AtomicInteger accepted = new AtomicInteger();
            List<SocketChannel> held = new CopyOnWriteArrayList<>();
            Thread engine = new Thread(() -> {
                try {
                    while (true) {
                        SocketChannel c = server.accept();
                        if (accepted.incrementAndGet() == 1) {
                            held.add(c); // the first probe's /_ping: read, never answered
                            continue;
                        }
                        try (c) {
                            ByteBuffer in = ByteBuffer.allocate(4096);
                            c.read(in);
                            String req = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
                            String body = req.startsWith("GET /version") ? "{\"Version\":\"99.1\"}" : "OK";
                            c.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length()
                                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII)));
                        }
                    }
                } catch (IOException closed) {
                    // the test closed the server
                }
            }, "fake-engine");
            engine.setDaemon(true);
            engine.start();
            var env = new java.util.HashMap<>(TC_ENV);
            env.put("DOCKER_HOST", "unix://" + sock);
            DockerAvailability.Status s = DockerAvailability.check(env, 300, 5_000);
            System.out.println("[availability] " + s.message());
            assertTrue(s.available(), s.message());
            assertEquals("99.1", s.serverVersion());
            assertTrue(s.message().contains("answered probe 2 of 2, after no answer within 300 ms"), s.message());
            assertEquals(3, accepted.get(), "one silent /_ping, then /_ping and /version answered");
            for (SocketChannel c : held) {
                c.close();
            }
        } finally {
            Files.deleteIfExists(sock);
        }
    }

    @Test
    void missingTestcontainersEnvironmentIsWarnedAbout() {
        DockerAvailability.Status s = DockerAvailability.check(
                Map.of("DOCKER_HOST", "unix:///tmp/p2ptestbed-no-such-docker.sock"), 500);
        assertEquals(2, s.warnings().size(), s.warnings().toString());
        assertFalse(s.usable());
    }
}
