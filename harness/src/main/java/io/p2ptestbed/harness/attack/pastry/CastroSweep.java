package io.p2ptestbed.harness.attack.pastry;

import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryConfig.SecureRouting;
import io.p2ptestbed.overlay.pastry.PastryIds;
import io.p2ptestbed.overlay.pastry.PastryView;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Castro et al.'s experiment (OSDI 2002, section 5): the probability that a message from a correct node
 * reaches the correct root of a random key whose root is correct, against the fraction f of colluding
 * nodes, with plain routing and with redundant routing. The same colluders grow with f (a larger fraction
 * turns more members); at every point the same lookups (origin and key drawn per point) run in every mode.
 * The paper's model for plain routing is (1 - f)^(h - 1) with h = log_{2^b} N hops.
 */
public final class CastroSweep {

    private CastroSweep() {}

    /** One point: a mode at a colluder fraction. */
    public record Point(String mode, double fraction, double success, int lookups, double meanHops) {}

    /**
     * Runs the sweep: for each fraction, turns members up to it (they tell {@code lie}), lets them rejoin for
     * {@code settleMillis}, then runs {@code lookups} lookups in every mode.
     */
    public static List<Point> run(NetworkRuntime runtime, double[] fractions, List<SecureRouting> modes, int lookups,
                                  PastryLie lie, long settleMillis, RandomGenerator rng) {
        LocalRuntime rt = PastryAttacks.local(runtime);
        PastryAttacks.Turned adversary = new PastryAttacks.Turned(rt, rng, List.of());
        List<Point> out = new ArrayList<>();
        for (double f : fractions) {
            adversary.turnUpTo(f, lie);
            rt.advance(settleMillis);
            List<NodeHandle> honest = rt.liveNodes();
            List<NodeId> all = new ArrayList<>(honest.stream().map(NodeHandle::id).toList());
            adversary.colluders().members().stream().map(Contact::id).forEach(all::add);
            List<LocalNode> origins = new ArrayList<>();
            List<NodeId> keys = new ArrayList<>();
            List<NodeId> roots = new ArrayList<>();
            while (keys.size() < lookups) {
                NodeId key = PastryIds.random(rng);
                NodeId root = all.stream().min((a, b) -> PastryIds.compareDistance(key, a, b)).orElseThrow();
                LocalNode from = (LocalNode) honest.get(rng.nextInt(honest.size()));
                if (!adversary.colluders().contains(root)) { // the paper's keys: those with a correct root
                    origins.add(from);
                    keys.add(key);
                    roots.add(root);
                }
            }
            for (SecureRouting mode : modes) {
                List<CompletableFuture<RouteResult>> fs = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    NodeId key = keys.get(i);
                    fs.add(rt.onOverlay(origins.get(i), o -> o.capability(PastryView.class).orElseThrow().route(key, mode)));
                }
                List<RouteResult> rs = rt.awaitOperations(fs);
                int ok = 0;
                long hops = 0;
                for (int i = 0; i < rs.size(); i++) {
                    RouteResult r = rs.get(i);
                    hops += r.hops();
                    if (r.found() && r.owner().id().equals(roots.get(i))) {
                        ok++;
                    }
                }
                out.add(new Point(mode.label(), f, (double) ok / rs.size(), rs.size(), (double) hops / rs.size()));
            }
        }
        return out;
    }

    /** The paper's model for plain routing: (1 - f)^(h - 1), h = log_{2^b} N. */
    public static double model(double f, int n, int b) {
        double h = Math.log(n) / Math.log(1 << b);
        return Math.pow(1 - f, h - 1);
    }

    /** Writes the curve (and the paper's plain-routing model as its own series) as a sweep CSV. */
    public static void writeCsv(List<Point> points, int n, int b, Path file) {
        StringBuilder sb = new StringBuilder("defence,adversary_fraction,lookup_success,lookups,mean_hops\n");
        points.stream().sorted(Comparator.comparing(Point::mode)).forEach(p -> sb.append(String.format(Locale.ROOT,
                "%s,%.4f,%.4f,%d,%.3f%n", p.mode(), p.fraction(), p.success(), p.lookups(), p.meanHops())));
        points.stream().map(Point::fraction).distinct().forEach(f -> sb.append(String.format(Locale.ROOT,
                "model (1-f)^(h-1),%.4f,%.4f,0,%.3f%n", f, model(f, n, b), Math.log(n) / Math.log(1 << b))));
        io.p2ptestbed.harness.metrics.DataFiles.write(file, sb);
    }
}
