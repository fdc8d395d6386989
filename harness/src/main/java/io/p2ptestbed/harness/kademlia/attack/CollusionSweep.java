package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.adversary.kademlia.peer.CollusionPlan;
import io.p2ptestbed.harness.attack.ColluderChoice;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.kademlia.KademliaWorkloads;
import io.p2ptestbed.harness.kademlia.LocalKademlia;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.Runtimes;
import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.DisjointLookupResult;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * S/Kademlia's evaluation (Baumgart and Mies 2007, section 5) under the one colluding-adversary model:
 * lookup success against the fraction of colluders, for plain and d-disjoint-path lookups.
 *
 * <p>The colluders are the network's own nodes (chosen once from the seed; a smaller fraction's colluders
 * stay colluders at larger ones). They run the honest protocol through a {@link CollusionTransport} that
 * rewrites their find_node and get_peers replies by the {@link ColluderStrategy}. Presence:
 * <ul>
 *   <li>from the start: one network is built per fraction, the colluders lying from their first reply, so
 *       the honest nodes join and fill their tables through colluders (as in a simulation where
 *       adversarial nodes are members from the beginning);</li>
 *   <li>turned: one network is built honestly; after it converged the colluders of each fraction turn.</li>
 * </ul>
 *
 * <p>Rules, stated exactly. Origins are honest nodes; keys random. A path ends as Kademlia's iterative
 * lookup does: when the k closest contacts it knows have all answered or failed (nodes another path
 * claimed are skipped, never queried twice). The target is the closest honest node to the key other than
 * the origin. Success ({@link Point#lookupSuccess}): the merged result (the k closest contacts that answered
 * any path) contains the target; {@link Point#anyPathSuccess}: some path's own k closest contain it.
 */
public final class CollusionSweep {

    /** One point of the curve; {@code defence} is "plain" or "disjoint", {@code d} the paths (plain: 1). */
    public record Point(ColluderStrategy strategy, boolean fromStart, String defence, int d, int alpha,
                        double adversaryFraction, int lookups, int successes, int anyPathSuccesses, long queries,
                        double colluderTableShare, long lies) {

        public double lookupSuccess() {
            return lookups == 0 ? Double.NaN : (double) successes / lookups;
        }

        public double anyPathSuccess() {
            return lookups == 0 ? Double.NaN : (double) anyPathSuccesses / lookups;
        }

        public double meanQueries() {
            return lookups == 0 ? Double.NaN : (double) queries / lookups;
        }

        public String presence() {
            return fromStart ? "from-start" : "turned";
        }
    }

    /** What to sweep: colluder fractions (ascending), lookup modes, strategy and presence, lookups per point. */
    public record Settings(List<Double> fractions, List<LookupMode> modes, ColluderStrategy strategy, boolean fromStart,
                           int lookupsPerPoint) {
        public Settings {
            fractions = List.copyOf(fractions);
            modes = List.copyOf(modes);
            double last = -1;
            for (double f : fractions) {
                if (!(f >= 0 && f < 1) || f < last) {
                    throw new IllegalArgumentException("colluder fractions must ascend within [0, 1), got " + fractions);
                }
                last = f;
            }
            if (modes.isEmpty() || fractions.isEmpty()) {
                throw new IllegalArgumentException("a collusion sweep needs at least one fraction and one lookup mode");
            }
            if (lookupsPerPoint < 1) {
                throw new IllegalArgumentException("lookups per point must be at least 1, got " + lookupsPerPoint);
            }
            CollusionPlan.SUPPORT.require(strategy, fromStart ? ColluderPresence.fromStart() : ColluderPresence.turnAt(1));
        }
    }

    private CollusionSweep() {}

    /** Runs the sweep on networks built from {@code scenario} (simulated or loopback; each closed after use). */
    public static List<Point> run(Scenario scenario, Settings s, Consumer<Point> onPoint) {
        List<Point> out = new ArrayList<>();
        if (s.fromStart()) {
            for (int i = 0; i < s.fractions().size(); i++) {
                double f = s.fractions().get(i);
                Set<NodeAddress> colluders = ColluderChoice.addresses(scenario, f);
                CollusionPlan[] plan = new CollusionPlan[1];
                try (NetworkRuntime rt = start(scenario, colluders, colluders, s.strategy(), ColluderPresence.fromStart(), plan)) {
                    measure(rt, plan[0], s, i, f, out, onPoint);
                }
            }
        } else {
            double max = s.fractions().get(s.fractions().size() - 1);
            Set<NodeAddress> eligible = ColluderChoice.addresses(scenario, max);
            CollusionPlan[] plan = new CollusionPlan[1];
            try (NetworkRuntime rt = start(scenario, eligible, Set.of(), s.strategy(), ColluderPresence.turnAt(Long.MAX_VALUE), plan)) {
                plan[0].setPresence(ColluderPresence.turnAt(Math.max(1, rt.nowMillis())));
                for (int i = 0; i < s.fractions().size(); i++) {
                    double f = s.fractions().get(i);
                    ColluderChoice.addresses(scenario, f).forEach(plan[0]::collude);
                    measure(rt, plan[0], s, i, f, out, onPoint);
                }
            }
        }
        return out;
    }

    private static NetworkRuntime start(Scenario scenario, Set<NodeAddress> wrapped, Set<NodeAddress> colluders,
                                        ColluderStrategy strategy, ColluderPresence presence, CollusionPlan[] plan) {
        NetworkRuntime rt = Runtimes.create(scenario);
        if (!(rt instanceof LocalRuntime local)) {
            rt.close();
            throw new UnsupportedOperationException("colluders inside the network's own nodes run on the simulated and "
                    + "loopback runtimes; " + scenario.runtime() + " is not one of them");
        }
        plan[0] = KademliaCollusion.installPlan(local, wrapped, colluders, strategy, presence).plan();
        rt.start();
        return rt;
    }

    private static void measure(NetworkRuntime rt, CollusionPlan plan, Settings s, int index, double f, List<Point> out,
                                Consumer<Point> onPoint) {
        List<NodeHandle> honest = rt.liveNodes().stream().filter(n -> !plan.isColluder(n.address())).toList();
        GroundTruth truth = GroundTruth.of(honest);
        RandomGenerator rng = new Seeds(rt.scenario().seed()).stream("collusion-lookups", index);
        List<LookupRequest> reqs = KademliaWorkloads.randomFindNodes(honest, s.lookupsPerPoint(), rng);
        double share = tableShare(honest, plan);
        double fraction = (double) plan.size() / rt.scenario().nodes();
        for (LookupMode m : s.modes()) {
            int d = m instanceof LookupMode.Disjoint dj ? dj.d() : 1;
            int alpha = m instanceof LookupMode.Disjoint dj ? dj.alphaPerPath()
                    : m instanceof LookupMode.Plain p ? p.alpha() : KademliaScenarios.config(rt.scenario()).alpha();
            long liesBefore = plan.lies();
            List<CompletableFuture<DisjointLookupResult>> fs = new ArrayList<>(reqs.size());
            for (LookupRequest r : reqs) {
                fs.add(LocalKademlia.node(r.from()).disjointLookupPaths(r.target(), r.kind(), d, alpha));
            }
            rt.await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)), HonestLookups.BATCH_TIMEOUT_MILLIS);
            int ok = 0;
            int anyOk = 0;
            long queries = 0;
            for (int i = 0; i < reqs.size(); i++) {
                CompletableFuture<DisjointLookupResult> fut = fs.get(i);
                if (!fut.isDone() || fut.isCompletedExceptionally()) {
                    continue;
                }
                DisjointLookupResult r = fut.join();
                NodeId best = HonestLookups.closestOtherThan(truth, reqs.get(i).target(), reqs.get(i).from().id());
                queries += r.merged().queries();
                if (best != null && contains(r.merged(), best)) {
                    ok++;
                }
                if (best != null && r.paths().stream().anyMatch(p -> contains(p, best))) {
                    anyOk++;
                }
            }
            Point p = new Point(s.strategy(), s.fromStart(), m instanceof LookupMode.Disjoint ? "disjoint" : "plain", d, alpha,
                    fraction, reqs.size(), ok, anyOk, queries, share, plan.lies() - liesBefore);
            out.add(p);
            onPoint.accept(p);
        }
    }

    private static boolean contains(LookupResult r, NodeId id) {
        for (Contact c : r.closest()) {
            if (c.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Share of colluder entries in the honest nodes' routing tables. */
    static double tableShare(List<NodeHandle> honest, CollusionPlan plan) {
        long bad = 0;
        long all = 0;
        for (NodeHandle n : honest) {
            for (Contact c : n.routingContacts()) {
                all++;
                if (plan.isColluder(c.address())) {
                    bad++;
                }
            }
        }
        return all == 0 ? 0 : (double) bad / all;
    }

    /**
     * Writes the curve as CSV: defence, d, adversary_fraction, lookup_success (the merged-result rule),
     * lookup_success_any_path, lookups, alpha, strategy, presence, queries_mean, colluder_table_share.
     */
    public static void writeCsv(List<Point> points, Path file) {
        StringBuilder sb = new StringBuilder("defence,d,adversary_fraction,lookup_success,lookup_success_any_path,lookups,alpha,"
                + "strategy,presence,queries_mean,colluder_table_share\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%d,%d,%s,%s,%.2f,%.4f%n", p.defence(), p.d(),
                    p.adversaryFraction(), p.lookupSuccess(), p.anyPathSuccess(), p.lookups(), p.alpha(),
                    p.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'), p.presence(), p.meanQueries(),
                    p.colluderTableShare()));
        }
        io.p2ptestbed.harness.metrics.DataFiles.write(file, sb.toString());
    }
}
