package io.p2ptestbed.harness.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.testcontainers.DockerClientFactory;

/**
 * Removes containers and networks labelled {@code io.p2ptestbed=1}. Without Ryuk nothing else cleans up after a
 * killed JVM, so call {@link #sweepAllExcept(String)} (or {@link #sweepAll()}) at start-up and {@link #sweepRun}
 * at the end. Images are never touched (they are a cache, see {@link NodeImage}).
 */
public final class DockerSweeper {

    /** What was removed, and what could not be (with the engine's reason). */
    public record Result(List<String> removedContainers, List<String> removedNetworks, List<String> failures) {
        public boolean clean() {
            return failures.isEmpty();
        }

        @Override
        public String toString() {
            return "swept " + removedContainers.size() + " container(s), " + removedNetworks.size() + " network(s)"
                    + (failures.isEmpty() ? "" : ", " + failures.size() + " failure(s): " + failures);
        }
    }

    private DockerSweeper() {}

    /** Every testbed container and network, of any run. */
    public static Result sweepAll() {
        return sweep(runId -> true);
    }

    /** Leftovers of other (crashed) runs: everything labelled {@code io.p2ptestbed=1} whose run id != current. */
    public static Result sweepAllExcept(String currentRunId) {
        return sweep(runId -> !Objects.equals(runId, currentRunId));
    }

    /**
     * Leftovers of killed runs: objects whose {@link DockerLabels#OWNER} process is gone from this host
     * (or that carry no owner label at all). Runs of live processes (parallel test forks, another
     * terminal) are left alone. Call at start-up.
     */
    public static Result sweepOrphans() {
        return sweepWhere(labels -> {
            String owner = labels.get(DockerLabels.OWNER);
            return Owner.parse(owner).map(o -> !o.isAliveHere()).orElse(true);
        });
    }

    /** Only the given run. */
    public static Result sweepRun(String runId) {
        return sweep(r -> Objects.equals(r, runId));
    }

    /** Containers then networks labelled io.p2ptestbed=1 whose run label satisfies {@code runIdFilter}. */
    public static Result sweep(Predicate<String> runIdFilter) {
        return sweepWhere(labels -> runIdFilter.test(labels.get(DockerLabels.RUN)));
    }

    /** Containers then networks labelled io.p2ptestbed=1 whose labels satisfy {@code filter}. */
    public static Result sweepWhere(Predicate<Map<String, String>> filter) {
        DockerClient client = DockerClientFactory.instance().client();
        List<String> containers = new ArrayList<>();
        List<String> networks = new ArrayList<>();
        List<String> failures = new ArrayList<>();

        List<Container> found = client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.ROOT, "1"))
                .exec();
        // remove in parallel: force-removing a running JVM container takes ~0.1-0.3 s each, mostly engine-side
        List<Container> doomed = found.stream()
                .filter(c -> filter.test(c.getLabels() == null ? Map.of() : c.getLabels())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, doomed.size())), r -> {
            Thread t = new Thread(r, "docker-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            // Kill in parallel (that is what takes time), wait until every process has exited, then remove one
            // after the other (a few ms each). See LabNetwork for the engine bug that once left networks with
            // ghost endpoints ("has active endpoints" with no container attached, until dockerd restarts).
            // Detach containers from the lab networks first: a disconnect deletes the endpoint on the network's
            // own path, so the network's endpoint count is right whatever happens when the process is killed.
            // One at a time, under the lock that also serialises starts (see LabContainer.ENDPOINTS).
            for (Container c : doomed) {
                if (c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null) {
                    continue;
                }
                for (String net : c.getNetworkSettings().getNetworks().keySet()) {
                    if (!net.startsWith("p2ptb-")) {
                        continue;
                    }
                    synchronized (LabContainer.ENDPOINTS) {
                        try {
                            client.disconnectFromNetworkCmd().withNetworkId(net).withContainerId(c.getId()).withForce(true).exec();
                        } catch (RuntimeException e) {
                            // not connected any more, or the container is gone
                        }
                    }
                }
            }
            forEach(pool, doomed, c -> {
                try {
                    if ("paused".equals(c.getState())) {
                        client.unpauseContainerCmd(c.getId()).exec();
                    }
                    if ("running".equals(c.getState()) || "paused".equals(c.getState())) {
                        client.killContainerCmd(c.getId()).exec();
                    }
                } catch (RuntimeException alreadyStopped) {
                    // exited meanwhile
                }
            }, failures);
            forEach(pool, doomed, c -> awaitExit(client, c.getId()), failures);
            // one after the other: removing stopped containers is cheap (a few ms each), and parallel removal is
            // what leaves the engine with ghost endpoints
            for (Container c : doomed) {
                String label = c.getId().substring(0, 12) + nameOf(c);
                try {
                    client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                    containers.add(label);
                } catch (NotFoundException gone) {
                    // raced with another remover
                } catch (RuntimeException e) {
                    failures.add("container " + label + ": " + e.getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
        }

        List<Network> nets = client.listNetworksCmd()
                .withFilter("label", List.of(DockerLabels.ROOT + "=1"))
                .exec();
        for (Network n : nets) {
            if (!filter.test(n.getLabels() == null ? Map.of() : n.getLabels())) {
                continue;
            }
            try {
                removeNetwork(client, n.getId());
                networks.add(n.getName());
            } catch (NotFoundException gone) {
                // raced
            } catch (RuntimeException e) {
                failures.add("network " + n.getName() + ": " + e.getMessage());
            }
        }
        return new Result(List.copyOf(containers), List.copyOf(networks), List.copyOf(failures));
    }

    private static void forEach(ExecutorService pool, List<Container> cs, java.util.function.Consumer<Container> action,
                                List<String> failures) {
        List<Future<?>> done = new ArrayList<>();
        for (Container c : cs) {
            done.add(pool.submit(() -> action.accept(c)));
        }
        for (Future<?> f : done) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                synchronized (failures) {
                    failures.add("container clean-up: " + e);
                }
            }
        }
    }

    private static void awaitExit(DockerClient client, String id) {
        for (int i = 0; i < 100; i++) {
            try {
                var state = client.inspectContainerCmd(id).exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning())) {
                    return;
                }
            } catch (NotFoundException gone) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Text of the failure recorded for a network the engine cannot remove because of a stale endpoint count. */
    public static final String GHOST = "stale endpoint count in the engine";

    /**
     * Removes a network, retrying for a second while the engine detaches endpoints of containers just removed.
     * A network that still reports "active endpoints" with no container attached has a stale endpoint count
     * (a Docker 20.10 bug, see {@link LabNetwork}): only a dockerd restart clears it, so it is reported, not
     * retried for ever.
     */
    private static void removeNetwork(DockerClient client, String id) {
        for (int attempt = 0; ; attempt++) {
            try {
                client.removeNetworkCmd(id).exec();
                return;
            } catch (NotFoundException gone) {
                throw gone;
            } catch (RuntimeException e) {
                if (attempt >= 4) {
                    var attached = client.inspectNetworkCmd().withNetworkId(id).exec().getContainers();
                    boolean empty = attached == null || attached.isEmpty();
                    if (empty && String.valueOf(e.getMessage()).contains("active endpoints")) {
                        throw new IllegalStateException(GHOST + " (no container is attached, yet the engine counts "
                                + "endpoints); it goes away when dockerd restarts: kill $(cat /var/run/docker.pid);"
                                + " .ci/docker-setup.sh; docker network rm " + id.substring(0, 12), e);
                    }
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String nameOf(Container c) {
        return c.getNames() == null || c.getNames().length == 0 ? "" : " " + c.getNames()[0];
    }
}
