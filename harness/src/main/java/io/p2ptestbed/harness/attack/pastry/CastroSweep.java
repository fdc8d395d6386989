package io.p2ptestbed.harness.attack.pastry;

import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryConfig.SecureRouting;
import io.p2ptestbed.overlay.pastry.PastryCounter;
import io.p2ptestbed.overlay.pastry.PastryIds;
import io.p2ptestbed.overlay.pastry.PastryView;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Castro et al.'s experiment (OSDI 2002, section 5): the probability that a message from a correct node
 * reaches the correct root of a random key whose root is correct, against the fraction f of colluding
 * nodes, with plain routing and with redundant routing. The same colluders grow with f (a larger fraction
 * turns more members); at every point the same lookups (origin and key drawn per point) run in every mode.
 * Two success rules are measured on the same routes:
 * <ul>
 *   <li>keys whose root is correct: the answer's closest node is the key's root; plain routing follows
 *       (1 - f)^(h - 1), h = log_{2^b} N hops (the h - 1 nodes between origin and root must be correct);</li>
 *   <li>all keys, the paper's rule (Fig. 3 as restated by our source, see docs/pastry.md): the answer names the key's
 *       closest correct node. A faulty root ends a plain route itself, so plain routing follows the paper's model
 *       (1 - f)^h: 65% at f = 0.1, N = 100,000, b = 4.</li>
 * </ul>
 * A third rule, on all keys, is the paper's criterion for redundant routing: the answer names every correct replica
 * root, the honest nodes among the key's replica set of r = |L| nodes (r/2 on each side of the key,
 * {@link PastryIds#replicaSet}; the paper sets l = r = 32).
 * Keys are drawn uniformly until {@code lookups} of them have a correct root; the keys with a faulty root drawn on
 * the way are routed too and count only in the all-keys rules.
 */
public final class CastroSweep {

    private CastroSweep() {}

    /**
     * One point: a mode at a colluder fraction.
     *
     * @param success     keys whose root is correct: share whose answer's closest node is the root
     * @param lookups     those keys
     * @param meanHops    mean hops over those keys
     * @param allSuccess  all keys drawn: share whose answer names the key's closest correct node (the paper's rule)
     * @param allLookups  all keys drawn (those whose root is correct and those whose root is a colluder)
     * @param replicaSuccess all keys drawn: share whose answer names all correct replica roots (the paper's criterion)
     * @param meanMessages mean messages per lookup over all keys drawn
     * @param fallbackShare the share of all keys drawn whose plain route failed the routing failure test (or timed out)
     *                      and was redone redundantly: 0 but in the modes {@code test} and {@code test-leafset}
     */
    public record Point(String mode, double fraction, double success, int lookups, double meanHops, double allSuccess,
                        int allLookups, double replicaSuccess, double meanMessages, double fallbackShare) {}

    /**
     * Runs the sweep: for each fraction, turns members up to it (they tell {@code lie}), lets them rejoin for
     * {@code settleMillis}, then runs {@code lookups} lookups in every mode.
     */
    public static List<Point> run(NetworkRuntime runtime, double[] fractions, List<SecureRouting> modes, int lookups,
                                  PastryLie lie, long settleMillis, int replicas, RandomGenerator rng) {
        LocalRuntime rt = PastryAttacks.local(runtime);
        PastryAttacks.Turned adversary = new PastryAttacks.Turned(rt, rng, List.of());
        List<Point> out = new ArrayList<>();
        for (double f : fractions) {
            adversary.turnUpTo(f, lie);
            rt.advance(settleMillis);
            List<NodeHandle> honest = rt.liveNodes();
            List<NodeId> all = new ArrayList<>(honest.stream().map(NodeHandle::id).toList());
            adversary.colluders().members().stream().map(Contact::id).forEach(all::add);
            List<NodeId> correct = honest.stream().map(NodeHandle::id).toList();
            List<LocalNode> origins = new ArrayList<>();
            List<NodeId> keys = new ArrayList<>();
            List<NodeId> roots = new ArrayList<>();
            List<NodeId> closestCorrect = new ArrayList<>();
            List<List<NodeId>> correctReplicas = new ArrayList<>();
            NodeId[] ring = all.stream().sorted(Comparator.comparing(PastryIds::big)).toArray(NodeId[]::new);
            BigInteger[] ringValues = Arrays.stream(ring).map(PastryIds::big).toArray(BigInteger[]::new);
            int correctRoots = 0;
            while (correctRoots < lookups) {
                NodeId key = PastryIds.random(rng);
                NodeId root = all.stream().min((a, b) -> PastryIds.compareDistance(key, a, b)).orElseThrow();
                LocalNode from = (LocalNode) honest.get(rng.nextInt(honest.size()));
                boolean rootCorrect = !adversary.colluders().contains(root);
                correctRoots += rootCorrect ? 1 : 0;
                origins.add(from);
                keys.add(key);
                roots.add(rootCorrect ? root : null);
                closestCorrect.add(rootCorrect ? root
                        : correct.stream().min((a, b) -> PastryIds.compareDistance(key, a, b)).orElseThrow());
                correctReplicas.add(replicaSet(key, ring, ringValues, replicas).stream()
                        .filter(id -> !adversary.colluders().contains(id)).toList());
            }
            for (SecureRouting mode : modes) {
                long testsFailed = failedTests(honest);
                List<RouteResult> rs = routeAll(rt, origins, keys, mode);
                testsFailed = failedTests(honest) - testsFailed;
                int ok = 0, okAll = 0, okReplicas = 0;
                long hops = 0, messages = 0;
                for (int i = 0; i < rs.size(); i++) {
                    RouteResult r = rs.get(i);
                    NodeId target = closestCorrect.get(i);
                    okAll += r.reached().stream().anyMatch(c -> c.id().equals(target)) ? 1 : 0;
                    Set<NodeId> named = r.reached().stream().map(c -> PastryIds.of(c.id())).collect(Collectors.toSet());
                    okReplicas += named.containsAll(correctReplicas.get(i)) ? 1 : 0;
                    messages += r.messages();
                    if (roots.get(i) == null) {
                        continue;
                    }
                    hops += r.hops();
                    if (r.found() && r.owner().id().equals(roots.get(i))) {
                        ok++;
                    }
                }
                out.add(new Point(mode.label(), f, (double) ok / correctRoots, correctRoots, (double) hops / correctRoots,
                        (double) okAll / rs.size(), rs.size(), (double) okReplicas / rs.size(), (double) messages / rs.size(),
                        (double) testsFailed / rs.size()));
            }
        }
        return out;
    }

    /** The routes the honest nodes redid after the routing failure test (their counter, summed). */
    private static long failedTests(List<NodeHandle> honest) {
        String counter = PastryCounter.FAILURE_TEST_FAILED.key();
        return honest.stream().mapToLong(n -> n.stats().getOrDefault(counter, 0L)).sum();
    }

    /** Routes {@code keys.get(i)} from {@code origins.get(i)} in {@code mode}, all at once; the answers in order. */
    static List<RouteResult> routeAll(LocalRuntime rt, List<LocalNode> origins, List<NodeId> keys, SecureRouting mode) {
        List<CompletableFuture<RouteResult>> fs = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            NodeId key = keys.get(i);
            fs.add(rt.onOverlay(origins.get(i), o -> o.capability(PastryView.class).orElseThrow().route(key, mode)));
        }
        return rt.awaitOperations(fs);
    }

    /**
     * The key's replica set of size r among the ids of the ring (sorted by value): the r/2 on each side of the key,
     * taken by {@link PastryIds#replicaSet} from the r ids on either side of the key's place.
     */
    static List<NodeId> replicaSet(NodeId key, NodeId[] ring, BigInteger[] ringValues, int r) {
        int at = Arrays.binarySearch(ringValues, PastryIds.big(key));
        int place = at >= 0 ? at : -at - 1;
        List<NodeId> window = new ArrayList<>();
        for (int i = -Math.min(r, ring.length / 2); i < Math.min(r, (ring.length + 1) / 2); i++) {
            window.add(ring[Math.floorMod(place + i, ring.length)]);
        }
        return PastryIds.replicaSet(key, window, r);
    }

    /** Plain routing on keys whose root is correct: (1 - f)^(h - 1), h = log_{2^b} N. */
    public static double model(double f, int n, int b) {
        return Math.pow(1 - f, hops(n, b) - 1);
    }

    /** The paper's model for plain routing over all keys (its Fig. 3): (1 - f)^h, h = log_{2^b} N. */
    public static double paperModel(double f, int n, int b) {
        return Math.pow(1 - f, hops(n, b));
    }

    private static double hops(int n, int b) {
        return Math.log(n) / Math.log(1 << b);
    }

    /**
     * Writes the curve as a sweep CSV: per mode the correct-root series (named by the mode) and the all-keys series
     * ("mode, all keys"), then both models as series of their own, and {@code paperPoints} (label, fraction,
     * success: the paper's own values, written as given).
     */
    public static void writeCsv(List<Point> points, int n, int b, List<PaperPoint> paperPoints, Path file) {
        StringBuilder sb = new StringBuilder("defence,adversary_fraction,lookup_success,lookups,mean_hops\n");
        points.stream().sorted(Comparator.comparing(Point::mode)).forEach(p -> sb.append(String.format(Locale.ROOT,
                "%s,%.4f,%.4f,%d,%.3f%n%s; all keys,%.4f,%.4f,%d,%n%s; all correct replica roots,%.4f,%.4f,%d,%n",
                p.mode(), p.fraction(), p.success(), p.lookups(), p.meanHops(), p.mode(), p.fraction(), p.allSuccess(),
                p.allLookups(), p.mode(), p.fraction(), p.replicaSuccess(), p.allLookups())));
        points.stream().map(Point::fraction).distinct().forEach(f -> sb.append(String.format(Locale.ROOT,
                "model (1-f)^(h-1),%.4f,%.4f,0,%.3f%nmodel (1-f)^h (paper; all keys),%.4f,%.4f,0,%.3f%n", f, model(f, n, b),
                hops(n, b), f, paperModel(f, n, b), hops(n, b))));
        paperPoints.forEach(p -> sb.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,0,%n", p.label().replace(',', ';'),
                p.fraction(), p.success())));
        io.p2ptestbed.harness.metrics.DataFiles.write(file, sb);
    }

    /** A value read from the paper (or from a source that restates it), drawn beside the measured curve. */
    public record PaperPoint(String label, double fraction, double success) {}

    /**
     * The paper's values as restated, with the section they come from, by the evidence file CASTRO-OSDI-02.md of
     * github.com/Anarchitecht/Fix-the-internet-research (read from the paper's full text): plain routing 65% at
     * f = 0.1 (N = 100,000, b = 4, Fig. 3); redundant routing (neighbour-set anycast, l = r = 32) above 0.999 for
     * f up to 0.3, drawn here at 0.999 as a floor. Both are at N = 100,000, all keys.
     */
    public static final List<PaperPoint> PAPER = List.of(
            new PaperPoint("paper N = 100000 plain (Fig. 3)", 0.1, 0.65),
            new PaperPoint("paper N = 100000 redundant l = 32 (above)", 0.0, 0.999),
            new PaperPoint("paper N = 100000 redundant l = 32 (above)", 0.1, 0.999),
            new PaperPoint("paper N = 100000 redundant l = 32 (above)", 0.2, 0.999),
            new PaperPoint("paper N = 100000 redundant l = 32 (above)", 0.3, 0.999));
}
