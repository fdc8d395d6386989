package io.p2ptestbed.harness.run;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.metrics.TableStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.Runtimes;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import io.p2ptestbed.harness.workload.Churn;
import io.p2ptestbed.harness.workload.Workloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs a {@link ScenarioFile}: build the network, then for the scenario's duration run a batch of
 * lookups every period (with churn at its time), and report metrics over time and at the end.
 */
public final class ScenarioRunner {

    /** One measurement point of the timeline. */
    public record Sample(long atMillis, Map<String, Double> metrics) {}

    public record Result(ScenarioFile.Loaded scenario, List<Sample> timeline, Map<String, Double> finalMetrics,
                         long churnAtMillis) {}

    private ScenarioRunner() {}

    public static Result run(ScenarioFile.Loaded sf, Consumer<String> progress) {
        if (!sf.attacks().isEmpty() || !sf.faults().isEmpty()) {
            throw new io.p2ptestbed.harness.scenario.ScenarioException(sf.attacks().isEmpty() ? "faults" : "attacks",
                    "are run by the Kubernetes driver only so far ('testbed k8s drive', docs/kubernetes.md); in-process runs "
                    + "describe attacks and faults in .feature files");
        }
        Seeds seeds = new Seeds(sf.scenario().seed());
        try (NetworkRuntime rt = Runtimes.create(sf.scenario())) {
            progress.accept("building " + sf.scenario().nodes() + " nodes on the " + sf.scenario().runtime().label() + " runtime");
            rt.start();
            long start = rt.nowMillis();
            Map<String, Double> last = new LinkedHashMap<>();
            List<Sample> timeline = new java.util.ArrayList<>();
            RandomGenerator rng = seeds.stream("scenario-workload");
            for (ScenarioWorkload w : ServiceLoader.load(ScenarioWorkload.class, ScenarioRunner.class.getClassLoader())) {
                w.beforeLookups(rt, sf, rng, last);
            }
            boolean churned = sf.churnFraction() == 0;
            long churnAt = -1;
            for (long t = 0; t <= sf.durationMillis(); t += sf.lookupEveryMillis()) {
                long elapsed = rt.nowMillis() - start;
                if (!churned && elapsed >= sf.churnAtMillis()) {
                    List<NodeHandle> killed = Churn.killFraction(rt, sf.churnFraction(), rng);
                    last.put("nodes_failed", (double) killed.size());
                    churnAt = elapsed;
                    churned = true;
                }
                LookupStats stats = Workloads.randomLookups(rt, sf.lookups(), rng);
                Map<String, Double> m = new LinkedHashMap<>(stats.asMap());
                timeline.add(new Sample(elapsed, m));
                last.putAll(m);
                progress.accept(String.format("t=%ds lookup success %.4f", elapsed / 1000, stats.successRate()));
                if (t + sf.lookupEveryMillis() <= sf.durationMillis()) {
                    rt.advance(sf.lookupEveryMillis());
                }
            }
            last.putAll(TableStats.of(rt.liveNodes(), rt.truth()).asMap());
            return new Result(sf, timeline, last, churnAt);
        }
    }
}
