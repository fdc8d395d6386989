package io.p2ptestbed.harness.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * One container of a run on its {@link LabNetwork}, with a static IP, labelled for {@link DockerSweeper},
 * running a main class of the {@link NodeImage} (node host or socket host). Created through the engine
 * API (docker-java, via Testcontainers' client) rather than {@code GenericContainer}: containers are
 * killed, restarted and paused behind the harness' back, and readiness is checked on the control port.
 * Never pulls: the image is local.
 */
public final class LabContainer {

    private final DockerClient client;
    private final String id;
    private final String name;
    private final String ip;
    private final String role;

    private LabContainer(DockerClient client, String id, String name, String ip, String role) {
        this.client = client;
        this.id = id;
        this.name = name;
        this.ip = ip;
        this.role = role;
    }

    /**
     * Creates and starts a container.
     *
     * @param role        {@code node} or {@code attacker} (label {@link DockerLabels#ROLE})
     * @param command     JVM options then main class then its arguments (the image's entrypoint ends in -cp)
     * @param memoryMiB   hard memory limit, no swap; 0 for none
     */
    public static LabContainer start(NodeImage image, LabNetwork network, String nodeName, String role, String ip,
                                     List<String> command, long memoryMiB) {
        DockerClient client = DockerClientFactory.instance().client();
        Map<String, String> labels = DockerLabels.forNode(network.runId(), nodeName);
        labels.put(DockerLabels.ROLE, role);
        String name = "p2ptb-" + network.runId() + "-" + nodeName;
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network.name())
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "1m", "max-file", "1")));
        if (memoryMiB > 0) {
            host.withMemory(memoryMiB << 20).withMemorySwap(memoryMiB << 20);
        }
        String id = client.createContainerCmd(image.imageName())
                .withName(name)
                .withLabels(labels)
                .withCmd(command)
                .withIpv4Address(ip)
                .withHostConfig(host)
                .exec().getId();
        LabContainer c = new LabContainer(client, id, name, ip, role);
        startSerially(client, id);
        return c;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The container's static IP on the lab network. */
    public String ip() {
        return ip;
    }

    public String role() {
        return role;
    }

    /** SIGKILL: the node process dies at once, as in a crash. */
    public void kill() {
        try {
            client.killContainerCmd(id).exec();
        } catch (RuntimeException e) {
            if (isRunning()) {
                throw e;
            }
        }
    }

    /** Starts a stopped (killed) container again: same command, same IP, fresh process and network namespace. */
    public void restart() {
        startSerially(client, id);
    }

    /**
     * Lock around every call that adds or removes a network endpoint. Docker 20.10 keeps a per-network endpoint
     * count and updates it with a read-modify-write that can count twice when endpoints join one network
     * concurrently. The count then stays above zero after the last container has left, and the network cannot
     * be removed ("has active endpoints") until dockerd restarts. Starting containers one at a time costs
     * little: the engine starts about three a second whatever the concurrency.
     */
    static final Object ENDPOINTS = new Object();

    private static void startSerially(DockerClient client, String id) {
        synchronized (ENDPOINTS) {
            client.startContainerCmd(id).exec();
        }
    }

    /** Freezes every process of the container (cgroup freezer): alive but silent. */
    public void pause() {
        client.pauseContainerCmd(id).exec();
    }

    public void unpause() {
        client.unpauseContainerCmd(id).exec();
    }

    public boolean isRunning() {
        try {
            return Boolean.TRUE.equals(client.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }

    public boolean isPaused() {
        return Boolean.TRUE.equals(client.inspectContainerCmd(id).exec().getState().getPaused());
    }

    /** PID of the container's main process in the host's PID namespace (for nsenter), or -1 when not running. */
    public long hostPid() {
        Long pid = client.inspectContainerCmd(id).exec().getState().getPidLong();
        return pid == null || pid == 0 ? -1 : pid;
    }

    /** The last {@code lines} lines of stdout and stderr, for error messages. */
    public String logTail(int lines) {
        List<String> out = new ArrayList<>();
        try {
            client.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame f) {
                            out.add(new String(f.getPayload(), StandardCharsets.UTF_8).stripTrailing());
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.add("(logs unavailable: " + e.getMessage() + ")");
        }
        return String.join("\n", out);
    }

    /** Kills, waits for the exit, then removes the container (see {@link DockerSweeper}); a no-op when it is gone. */
    public void remove() {
        try {
            if (isPaused()) {
                unpause();
            }
            kill();
            for (int i = 0; i < 100 && isRunning(); i++) {
                Thread.sleep(50);
            }
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NotFoundException gone) {
            // swept already
        }
    }

    @Override
    public String toString() {
        return name + "@" + ip;
    }
}
