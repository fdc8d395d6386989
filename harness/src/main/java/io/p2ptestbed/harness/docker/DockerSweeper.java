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
            List<Future<?>> done = new ArrayList<>();
            for (Container c : doomed) {
                done.add(pool.submit(() -> {
                    String label = c.getId().substring(0, 12) + nameOf(c);
                    try {
                        client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                        synchronized (containers) {
                            containers.add(label);
                        }
                    } catch (NotFoundException gone) {
                        // raced with another remover
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add("container " + label + ": " + e.getMessage());
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add("container removal: " + e);
                    }
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
                client.removeNetworkCmd(n.getId()).exec();
                networks.add(n.getName());
            } catch (NotFoundException gone) {
                // raced
            } catch (RuntimeException e) {
                failures.add("network " + n.getName() + ": " + e.getMessage());
            }
        }
        return new Result(List.copyOf(containers), List.copyOf(networks), List.copyOf(failures));
    }

    private static String nameOf(Container c) {
        return c.getNames() == null || c.getNames().length == 0 ? "" : " " + c.getNames()[0];
    }
}
