package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.harness.attack.LookupTally;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * S/Kademlia's evaluation (Baumgart and Mies 2007, section 5): lookup success against the fraction of
 * adversarial nodes, for plain lookups and for disjoint-path lookups with several d. One network is
 * built once; the adversary grows on it fraction by fraction ({@link Colluders}, nested sets), and at
 * each fraction the same lookups (same origins, same keys) run in every mode, so the modes are
 * compared on identical work.
 */
public final class DisjointSweep {

    /** One point of the curve; {@code defence} is "plain" or "disjoint", {@code d} the number of paths (plain: 1). */
    public record Point(String defence, int d, int alpha, double adversaryFraction, double lookupSuccess, int lookups,
                        LookupTally tally) {}

    private DisjointSweep() {}

    /**
     * @param fractions  adversary fractions in ascending order, e.g. 0, 0.1, ... 0.5
     * @param modes      lookup modes to compare at each fraction
     * @param behaviour  what colluders do once turned
     */
    public static List<Point> run(NetworkRuntime rt, Colluders colluders, List<Double> fractions, List<LookupMode> modes,
                                  Behaviour behaviour, int lookupsPerPoint, RandomGenerator rng, Consumer<Point> onPoint) {
        List<Point> out = new ArrayList<>();
        double last = -1;
        for (double f : fractions) {
            if (f < last) {
                throw new IllegalArgumentException("adversary fractions must ascend (the adversary only grows), got " + fractions);
            }
            last = f;
            colluders.turnUpTo(f, behaviour);
            List<NodeHandle> honest = rt.liveNodes();
            GroundTruth truth = GroundTruth.of(honest);
            List<LookupRequest> reqs = HonestLookups.randomRequests(honest, lookupsPerPoint, rng);
            for (LookupMode m : modes) {
                List<LookupResult> results = HonestLookups.run(rt, reqs, m);
                LookupTally t = HonestLookups.grade(reqs, results, n -> truth, colluders::isAdversarial);
                Point p = m instanceof LookupMode.Disjoint d
                        ? new Point("disjoint", d.d(), d.alphaPerPath(), colluders.fraction(), t.successRate(), t.lookups(), t)
                        : new Point("plain", 1, m instanceof LookupMode.Plain pl ? pl.alpha() : 0, colluders.fraction(),
                                t.successRate(), t.lookups(), t);
                out.add(p);
                onPoint.accept(p);
            }
        }
        return out;
    }

    /** Writes the curve as CSV: defence, d, adversary_fraction, lookup_success, lookups, alpha (queries in flight per path). */
    public static void writeCsv(List<Point> points, Path file) {
        StringBuilder sb = new StringBuilder("defence,d,adversary_fraction,lookup_success,lookups,alpha\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%d,%d%n", p.defence(), p.d(),
                    p.adversaryFraction(), p.lookupSuccess(), p.lookups(), p.alpha()));
        }
        io.p2ptestbed.harness.metrics.DataFiles.write(file, sb);
    }
}
