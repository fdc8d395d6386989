package io.p2ptestbed.harness.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.p2ptestbed.adversary.fault.ActiveFault;
import io.p2ptestbed.adversary.fault.Partition;
import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.attack.FaultControl;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.run.ScenarioAttacks;
import io.p2ptestbed.harness.run.ScenarioWorkload;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import io.p2ptestbed.harness.workload.Churn;
import io.p2ptestbed.harness.workload.Workloads;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What the driver Job runs ({@code testbed k8s drive}): it drives a scenario file against node pods that are already
 * running ({@link PodRuntime}), through each pod's control interface (the docker runtime's, TCP 7000), and its
 * attacks through the attacker pods' socket hosts (TCP 7001). It waits until every pod answers and all its nodes have
 * joined, runs the scenario's announces (the overlay's {@link ScenarioWorkload}, as {@code testbed run} does), then
 * every {@code lookupEverySeconds} of {@code durationSeconds} routes {@code lookups} random keys from random live
 * nodes and grades each against the ground truth of the live nodes' ids ({@link LookupStats}). At
 * {@code churnAtSeconds} it stops {@code churnFraction} of the nodes ({@code POST /v1/stop}); each attack of the
 * {@code attacks} list starts at its {@code atSeconds} and is measured when its duration ends (the overlay's
 * {@link ScenarioAttacks}: the adversary module's attack code); each partition of {@code faults} is installed at its
 * {@code atSeconds} and healed at {@code healAtSeconds}, as rules of the nodes' own transports
 * ({@code POST /v1/faults}, as on the swarm runtime). The report goes to {@code OUT/k8s-run.json}.
 *
 * <p>Time here is the wall clock: the pods run in real time, and the driver is harness code, not protocol code.
 * The driver's choices (keys, origins, churned nodes, partition sides, Sybil ids) come from the scenario seed.
 */
public final class K8sDriver {

    /** One batch of lookups: when, what attacks and faults were active, and the harness's lookup metrics. */
    public record Round(long atMillis, List<String> active, Map<String, Double> metrics) {}

    /**
     * One attack of the scenario: when it was planned, when it started and was measured on the driver's clock (ms from
     * the first round), and what it achieved, measured when its duration ended.
     */
    public record AttackOutcome(String type, int node, long atMillis, long endMillis, long startedAtMillis,
                                long measuredAtMillis, Map<String, Double> metrics) {}

    /** One fault of the scenario: what it cut, when it was planned, and when it was installed and healed (driver's clock). */
    public record FaultOutcome(String type, String label, int nodesCut, long atMillis, long healAtMillis,
                               long installedAtMillis, long healedAtMillis) {}

    /** What {@code k8s-run.json} holds. */
    public record Report(String scenario, String protocol, long seed, int pods, int nodes, int joined, long upMillis,
                         int nodesFailed, Map<String, Double> announces, List<Round> rounds, List<AttackOutcome> attacks,
                         List<FaultOutcome> faults, long attackerDatagramsSent) {}

    /** An event of the timeline; at the same time, lower {@code order} first (heals before lookups, lookups last). */
    private record Event(long atMillis, int order, String what, Runnable action) {}

    private K8sDriver() {}

    /** Drives a scenario without attacker pods, the loopback pod network ({@code controls}: one per pod). */
    public static Report drive(ScenarioFile.Loaded sf, List<String> controls, long upTimeoutMillis, Consumer<String> log) {
        return drive(sf, controls, List.of(), Cidr.parse("127.0.0.0/8"), upTimeoutMillis, log);
    }

    /**
     * Drives the scenario against the control interfaces {@code controls} ({@code host:port}, one per pod), with the
     * attacker socket hosts {@code attackers} ({@code host:port}); attackers send only to loopback and {@code podCidr}.
     *
     * @throws IllegalStateException when a pod does not answer or its nodes do not join within {@code upTimeoutMillis}
     */
    public static Report drive(ScenarioFile.Loaded sf, List<String> controls, List<String> attackers, Cidr podCidr,
                               long upTimeoutMillis, Consumer<String> log) {
        ScenarioAttacks overlayAttacks = sf.attacks().isEmpty() ? null : ScenarioAttacks.of(sf.scenario().protocolName());
        if (!sf.attacks().isEmpty() && attackers.isEmpty()) {
            throw new IllegalArgumentException("the scenario has attacks, and no attacker socket host is given (render with "
                    + "--attacker-pods 1 or more, or pass --attacker HOST:PORT)");
        }
        try (PodRuntime rt = new PodRuntime(sf.scenario(), controls, attackers, podCidr, upTimeoutMillis, log)) {
            rt.start();
            log.accept(rt.nodes().size() + " nodes in " + controls.size() + " pods up and joined after " + rt.upMillis() + " ms");
            Seeds seeds = new Seeds(sf.scenario().seed());
            Map<String, Double> announces = new LinkedHashMap<>();
            for (ScenarioWorkload w : ServiceLoader.load(ScenarioWorkload.class, K8sDriver.class.getClassLoader())) {
                w.beforeLookups(rt, sf, seeds.stream("k8s-announces"), announces);
            }
            if (!announces.isEmpty()) {
                log.accept("announces: " + announces);
            }
            Timeline tl = new Timeline(rt, sf, overlayAttacks, seeds, log);
            tl.run();
            return new Report(sf.scenario().name(), sf.scenario().protocolName(), sf.scenario().seed(), controls.size(),
                    rt.nodes().size(), rt.nodes().size(), rt.upMillis(), tl.failed, announces, tl.rounds, tl.attackOutcomes,
                    tl.faultOutcomes, rt.attackerTraffic()[0]);
        }
    }

    /** The scenario's events on the wall clock. */
    private static final class Timeline {
        final PodRuntime rt;
        final ScenarioFile.Loaded sf;
        final ScenarioAttacks overlayAttacks;
        final Seeds seeds;
        final Consumer<String> log;
        final List<Round> rounds = new ArrayList<>();
        final List<AttackOutcome> attackOutcomes = new ArrayList<>();
        final List<FaultOutcome> faultOutcomes = new ArrayList<>();
        final Map<String, Object> active = new LinkedHashMap<>();
        final Map<String, Long> startedAt = new LinkedHashMap<>();
        final RandomGenerator churnRng;
        /**
         * Lookup rounds run beside the timeline, each on its own thread with its own random stream, so that a slow round
         * (one under a partition waits on query timeouts) delays neither the next round nor the other events.
         */
        final java.util.concurrent.ExecutorService lookupThreads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "k8s-driver-lookups");
            t.setDaemon(true);
            return t;
        });
        final List<java.util.concurrent.Future<?>> pendingRounds = new ArrayList<>();
        FaultControl faultControl;
        int failed;
        long start;

        Timeline(PodRuntime rt, ScenarioFile.Loaded sf, ScenarioAttacks overlayAttacks, Seeds seeds, Consumer<String> log) {
            this.rt = rt;
            this.sf = sf;
            this.overlayAttacks = overlayAttacks;
            this.seeds = seeds;
            this.churnRng = seeds.stream("k8s-churn");
            this.log = log;
        }

        void run() {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < sf.faults().size(); i++) {
                ScenarioFile.FaultSpec f = sf.faults().get(i);
                String name = "fault " + i + " (" + f.type() + ")";
                int index = i;
                events.add(new Event(f.atMillis(), 3, name, () -> installFault(name, index, f)));
                events.add(new Event(f.healAtMillis(), 0, name, () -> healFault(name, index)));
            }
            for (int i = 0; i < sf.attacks().size(); i++) {
                ScenarioFile.AttackSpec a = sf.attacks().get(i);
                String name = "attack " + i + " (" + a.type() + ")";
                int index = i;
                events.add(new Event(a.atMillis(), 4, name, () -> startAttack(name, index, a)));
                events.add(new Event(a.endMillis(), 1, name, () -> endAttack(name, a)));
            }
            if (sf.churnFraction() > 0) {
                events.add(new Event(sf.churnAtMillis(), 2, "churn", this::churn));
            }
            for (long t = 0; t <= sf.durationMillis(); t += sf.lookupEveryMillis()) {
                long at = t;
                events.add(new Event(t, 5, "lookups", () -> lookups(at)));
            }
            events.sort(Comparator.comparingLong(Event::atMillis).thenComparingInt(Event::order));
            start = System.nanoTime();
            try {
                for (Event e : events) {
                    sleepUntil(e.atMillis());
                    e.action().run();
                }
                awaitRounds();
                rounds.sort(Comparator.comparingLong(Round::atMillis));
            } finally {
                lookupThreads.shutdownNow();
                active.values().forEach(o -> {
                    if (o instanceof ScenarioAttacks.Running r) {
                        r.close();
                    }
                });
                if (faultControl != null) {
                    faultControl.close();
                }
            }
        }

        private long now() {
            return (System.nanoTime() - start) / 1_000_000;
        }

        private void churn() {
            List<NodeHandle> killed = Churn.killFraction(rt, sf.churnFraction(), churnRng);
            failed += killed.size();
            log.accept("t=" + now() / 1000 + "s stopped " + killed.size() + " nodes");
        }

        /** Starts a round of lookups; it runs beside the timeline's other events and the rounds before it. */
        private void lookups(long t) {
            List<String> under = List.copyOf(active.keySet());
            RandomGenerator roundRng = seeds.stream("k8s-lookups", t);
            long began = now();
            pendingRounds.add(lookupThreads.submit(() -> {
                LookupStats stats = Workloads.randomLookups(rt, sf.lookups(), roundRng);
                Round r = new Round(t, under, stats.asMap());
                synchronized (rounds) {
                    rounds.add(r);
                }
                log.accept(String.format(java.util.Locale.ROOT, "t=%ds lookup success %.4f, mean hops %.2f, p95 latency %.0f ms%s; "
                        + "the round took %.1f s", t / 1000, r.metrics().get("lookup_success"), r.metrics().get("hops_mean"),
                        r.metrics().get("latency_p95_ms"), under.isEmpty() ? "" : " (under " + String.join(", ", under) + ")",
                        (now() - began) / 1000.0));
            }));
        }

        private void awaitRounds() {
            try {
                for (java.util.concurrent.Future<?> f : pendingRounds) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        private void startAttack(String name, int index, ScenarioFile.AttackSpec a) {
            ScenarioAttacks.Running r = overlayAttacks.start(rt, a, seeds.stream("k8s-attack", index));
            active.put(name, r);
            startedAt.put(name, now());
            log.accept("t=" + now() / 1000 + "s started " + name + " on node " + a.node());
        }

        private void endAttack(String name, ScenarioFile.AttackSpec a) {
            ScenarioAttacks.Running r = (ScenarioAttacks.Running) active.remove(name);
            Map<String, Double> m = r.metrics();
            r.close();
            attackOutcomes.add(new AttackOutcome(a.type(), a.node(), a.atMillis(), a.endMillis(), startedAt.remove(name), now(), m));
            log.accept("t=" + now() / 1000 + "s " + name + " ended: " + m);
        }

        private void installFault(String name, int index, ScenarioFile.FaultSpec f) {
            if (faultControl == null) {
                RandomGenerator frng = seeds.stream("k8s-faults");
                faultControl = FaultControl.of(rt, CrossRuntime.attackLab(rt, frng), rt.faults(), frng);
            }
            List<NodeAddress> live = new ArrayList<>(rt.liveNodes().stream().map(NodeHandle::address).toList());
            java.util.Collections.shuffle(live, new java.util.Random(seeds.stream("k8s-partition", index).nextLong()));
            int cut = Math.max(1, Math.min(live.size() - 1, (int) Math.floor(live.size() * f.fraction())));
            Partition p = Partition.complete(live.subList(0, cut), live.subList(cut, live.size()));
            ActiveFault af = faultControl.invoke(p);
            active.put(name, af);
            startedAt.put(name, now());
            faultOutcomes.add(new FaultOutcome(f.type(), p.label(), cut, f.atMillis(), f.healAtMillis(), now(), -1));
            log.accept("t=" + now() / 1000 + "s installed " + name + ": " + p.label());
        }

        private void healFault(String name, int index) {
            ActiveFault af = (ActiveFault) active.remove(name);
            faultControl.heal(af);
            FaultOutcome o = faultOutcomes.get(index);
            faultOutcomes.set(index, new FaultOutcome(o.type(), o.label(), o.nodesCut(), o.atMillis(), o.healAtMillis(),
                    startedAt.remove(name), now()));
            log.accept("t=" + now() / 1000 + "s healed " + name);
        }

        private void sleepUntil(long atMillis) {
            long wait = atMillis - now();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** Writes the report as {@code dir/k8s-run.json}. */
    public static Path write(Report report, Path dir) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve("k8s-run.json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(f.toFile(), report);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }
}
