package io.p2ptestbed.features.world;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.Runtimes;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.reports.Frame;
import io.p2ptestbed.reports.Interval;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The state of one Cucumber scenario: its scenario data, the running network, named nodes, what was
 * measured, and the frames for the report. Created per scenario by PicoContainer and disposed after
 * it, so every runtime (sockets, containers) is stopped whatever the outcome.
 *
 * <p>The system property {@code testbed.runtime} (set by the CLI's {@code --runtime}) overrides the
 * runtime of scenarios that do not pin one; {@code testbed.seed} overrides the seed.
 */
public class TestbedWorld {

    private Scenario scenario = Scenario.defaults("scenario", 100);
    private boolean runtimePinned;
    /** Nodes per container on the docker runtime; 0: the default ({@code -Dtestbed.docker.nodesPerContainer} or 1). */
    private int nodesPerContainer;
    /** Routes in flight at once on the container runtimes; 0: the default ({@code ControlledRuntime.LOOKUP_WAVE}). */
    private int routesInFlight;
    private NetworkRuntime runtime;
    private final Map<String, NodeHandle> named = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new TreeMap<>();
    private final List<Frame> frames = new ArrayList<>();
    private final List<Interval> intervals = new ArrayList<>();
    private final List<String> dataFiles = new ArrayList<>();
    private final Set<NodeId> victims = new HashSet<>();
    private final Set<Contact> attackers = new HashSet<>();
    private final Map<Class<?>, Object> extensions = new LinkedHashMap<>();
    private LookupStats lastLookups;
    private long workloadCounter;

    public void begin(String name) {
        scenario = scenario.withName(name);
        String seed = System.getProperty("testbed.seed");
        if (seed != null && !seed.isBlank()) {
            scenario = scenario.withSeed(Long.parseLong(seed.trim()));
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Changes the scenario before the network starts. */
    public void configure(UnaryOperator<Scenario> change) {
        if (runtime != null) {
            throw new IllegalStateException("the network is already running; configure it before it starts");
        }
        scenario = change.apply(scenario);
    }

    public void pinRuntime(RuntimeKind kind) {
        configure(s -> s.withRuntime(kind));
        runtimePinned = true;
    }

    /** Lays out {@code n} nodes in each container (one JVM) on the docker runtime; the in-JVM runtimes ignore it. */
    public void nodesPerContainer(int n) {
        if (runtime != null) {
            throw new IllegalStateException("the network is already running; set the nodes per container before it starts");
        }
        nodesPerContainer = n;
    }

    /** At most {@code n} routes in flight at once on the container runtimes; the in-JVM runtimes ignore it. */
    public void routesInFlight(int n) {
        if (runtime != null) {
            throw new IllegalStateException("the network is already running; set the routes in flight before it starts");
        }
        routesInFlight = n;
    }

    /** The running network; started on first use. */
    public NetworkRuntime runtime() {
        if (runtime == null) {
            String override = System.getProperty("testbed.runtime");
            if (!runtimePinned && override != null && !override.isBlank()) {
                scenario = scenario.withRuntime(RuntimeKind.parse(override));
            }
            runtime = Runtimes.create(scenario, nodesPerContainer);
            if (routesInFlight > 0 && runtime instanceof io.p2ptestbed.harness.docker.ControlledRuntime c) {
                c.lookupWave(routesInFlight);
            }
            extensions.values().stream().filter(e -> e instanceof RuntimeListener).forEach(e -> ((RuntimeListener) e).beforeStart(runtime));
            runtime.start();
            extensions.values().stream().filter(e -> e instanceof RuntimeListener).forEach(e -> ((RuntimeListener) e).afterStart(runtime));
        }
        return runtime;
    }

    public boolean started() {
        return runtime != null;
    }

    /** A fresh random stream for a workload, derived from the scenario seed. */
    public RandomGenerator rng(String purpose) {
        return new Seeds(scenario.seed()).stream(purpose, workloadCounter++);
    }

    /** Resolves "victim", "n7", "node 7" or a name bound earlier. */
    public NodeHandle node(String name) {
        NodeHandle n = named.get(name);
        if (n != null) {
            return n;
        }
        String digits = name.replaceFirst("^(n|node\\s*)", "");
        if (digits.matches("\\d+")) {
            int i = Integer.parseInt(digits);
            if (i >= runtime().nodes().size()) {
                throw new IllegalArgumentException("no node " + i + ": the network has " + runtime().nodes().size() + " nodes");
            }
            return runtime().node(i);
        }
        throw new IllegalArgumentException("unknown node name '" + name + "'; use nN, 'node N' or a name bound with 'node N is called \"x\"'");
    }

    public void name(String name, NodeHandle n) {
        named.put(name, n);
    }

    public void markVictim(NodeHandle n) {
        victims.add(n.id());
    }

    public Set<NodeId> victims() {
        return victims;
    }

    public Set<Contact> attackers() {
        return attackers;
    }

    public void record(String metric, double value) {
        metrics.put(metric, value);
    }

    public void recordAll(String prefix, Map<String, Double> values) {
        values.forEach((k, v) -> metrics.put(prefix + k, v));
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    public void lastLookups(LookupStats s) {
        lastLookups = s;
        recordAll("", s.asMap());
    }

    public LookupStats lastLookups() {
        if (lastLookups == null) {
            throw new IllegalStateException("no lookups have run in this scenario yet");
        }
        return lastLookups;
    }

    /** Takes a graph frame of the network as it is now, for the report's time-lapse. */
    public void snapshot(String caption) {
        if (runtime == null) {
            return;
        }
        Map<String, Double> keyMetrics = new TreeMap<>(metrics);
        frames.add(new Frame(scenario.name() + " - " + caption, runtime.nowMillis(),
                GraphSnapshots.of(runtime, victims, attackers), keyMetrics));
    }

    public List<Frame> frames() {
        return frames;
    }

    public void interval(String label, long start, long end) {
        intervals.add(new Interval(label, start, end));
    }

    public List<Interval> intervals() {
        return intervals;
    }

    public void dataFile(String relativePath) {
        dataFiles.add(relativePath);
    }

    public List<String> dataFiles() {
        return dataFiles;
    }

    /** Per-scenario state of step libraries built on this one (attacks, defences...). */
    @SuppressWarnings("unchecked")
    public <T> T extension(Class<T> type, java.util.function.Supplier<T> create) {
        return (T) extensions.computeIfAbsent(type, t -> create.get());
    }

    public void dispose() {
        extensions.values().stream().filter(e -> e instanceof AutoCloseable).forEach(e -> {
            try {
                ((AutoCloseable) e).close();
            } catch (Exception ignored) {
                // disposal must go on for the runtime below
            }
        });
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    /** An extension that must act around network start (e.g. to install defences on every node). */
    public interface RuntimeListener {
        default void beforeStart(NetworkRuntime rt) {}

        default void afterStart(NetworkRuntime rt) {}
    }
}
