package io.p2ptestbed.harness.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        Path sock = Files.createTempDirectory("p2ptb").resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock)); // accepts (backlog) but never answers
            var env = new java.util.HashMap<>(TC_ENV);
            env.put("DOCKER_HOST", "unix://" + sock);
            DockerAvailability.Status s = DockerAvailability.check(env, 500);
            System.out.println("[availability] " + s.message());
            assertFalse(s.available());
            assertTrue(s.message().contains("did not answer within 500 ms"), s.message());
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
