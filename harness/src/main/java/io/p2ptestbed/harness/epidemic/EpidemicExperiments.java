package io.p2ptestbed.harness.epidemic;

import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Broadcasts;
import io.p2ptestbed.overlay.epidemic.EpidemicConfig;
import io.p2ptestbed.overlay.epidemic.EpidemicProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The published epidemic experiments on the epidemic overlay, each on its own simulated network of the
 * scenario's seed: Demers et al.'s Table 1 (push rumour mongering with feedback and a counter, residue and
 * traffic for k = 1..5) and Kermarrec, Massoulié and Ganesh's reliability of gossip with fanout ln N + c.
 */
public final class EpidemicExperiments {

    /** Demers et al. 1987, Table 1 (n = 1000, push, feedback, counter): residue s and traffic m for k = 1..5. */
    public static final double[] DEMERS_RESIDUE = {0.18, 0.037, 0.011, 0.0036, 0.0012};
    public static final double[] DEMERS_TRAFFIC = {1.7, 3.3, 4.5, 5.6, 6.7};

    private EpidemicExperiments() {}

    /**
     * One row of the rumour-mongering table.
     *
     * @param residueMean    mean share of sites that never heard the rumour (s)
     * @param residueSe      its standard error over the runs
     * @param trafficMean    mean rumour pushes per site (m)
     * @param trafficSe      its standard error
     */
    public record DemersRow(int k, int nodes, int runs, double residueMean, double residueSe, double trafficMean,
                            double trafficSe, double paperResidue, double paperTraffic, double meanSettleMillis) {}

    /**
     * One point of the reliability curve.
     *
     * @param reachedAll runs in which every node delivered
     * @param theory     e^(-e^(-c))
     */
    public record FanoutPoint(double c, int nodes, int runs, int reachedAll, double theory, double meanCoverage,
                              double meanMessagesPerNode) {
        public double share() {
            return (double) reachedAll / runs;
        }
    }

    /** Demers's table: for each k, {@code runs} rumours from random sites on one network of the scenario's size. */
    public static List<DemersRow> demers(Scenario base, int kFrom, int kTo, int runs, Consumer<DemersRow> each) {
        if (kFrom < 1 || kTo > DEMERS_RESIDUE.length || kFrom > kTo) {
            throw new IllegalArgumentException("k must run within 1 to " + DEMERS_RESIDUE.length + " (the paper's table), got "
                    + kFrom + " to " + kTo);
        }
        List<DemersRow> rows = new ArrayList<>();
        for (int k = kFrom; k <= kTo; k++) {
            Scenario s = epidemic(base, Map.of("mode", "rumor", "k", String.valueOf(k), "feedback", "true",
                    "interest", "counter"), "demers-k" + k);
            long cycle = EpidemicConfig.of(s.protocol()).cycleMillis();
            List<Broadcasts.Run> rs = runAll(s, runs, 3 * cycle, 600 * cycle, "demers", k);
            double[] residue = rs.stream().mapToDouble(r -> (double) r.missed() / r.live()).toArray();
            double[] traffic = rs.stream().mapToDouble(r -> (double) r.messages() / r.live()).toArray();
            DemersRow row = new DemersRow(k, s.nodes(), runs, mean(residue), se(residue), mean(traffic), se(traffic),
                    DEMERS_RESIDUE[k - 1], DEMERS_TRAFFIC[k - 1], rs.stream().mapToLong(Broadcasts.Run::settledMillis).average().orElse(0));
            rows.add(row);
            each.accept(row);
        }
        return rows;
    }

    /** Kermarrec et al.: for each c, {@code runs} gossips with fanout ln N + c; the share reaching every node. */
    public static List<FanoutPoint> fanout(Scenario base, double[] cs, int runs, Consumer<FanoutPoint> each) {
        List<FanoutPoint> points = new ArrayList<>();
        for (double c : cs) {
            Scenario s = epidemic(base, Map.of("mode", "fanout", "fanoutC", String.valueOf(c)), "fanout-c" + c);
            List<Broadcasts.Run> rs = runAll(s, runs, 500, 120_000, "fanout", Double.doubleToLongBits(c));
            int all = (int) rs.stream().filter(Broadcasts.Run::reachedAll).count();
            FanoutPoint p = new FanoutPoint(c, s.nodes(), runs, all, Math.exp(-Math.exp(-c)),
                    rs.stream().mapToDouble(Broadcasts.Run::coverage).average().orElse(0),
                    rs.stream().mapToDouble(r -> (double) r.messages() / r.live()).average().orElse(0));
            points.add(p);
            each.accept(p);
        }
        return points;
    }

    private static Scenario epidemic(Scenario base, Map<String, String> params, String name) {
        Scenario s = base.protocolName().equals(EpidemicProtocol.NAME) ? base : base.withProtocol(EpidemicProtocol.NAME);
        return s.withParams(params).withRuntime(RuntimeKind.SIMULATED).withName(base.name() + " " + name);
    }

    private static List<Broadcasts.Run> runAll(Scenario s, int runs, long quiet, long max, String purpose, long salt) {
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            io.p2ptestbed.harness.runtime.BroadcastProbe rec = Broadcasts.attach(rt);
            rt.start();
            // every node pulls the seed's join log pullMillis after its join: let the last joiners' entries reach everyone
            rt.advance(2 * EpidemicConfig.of(s.protocol()).pullMillis() + 5_000);
            return Broadcasts.publishMany(rt, rec, runs, 16, quiet, max, rt.seeds().stream(purpose, salt));
        }
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    static double se(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x), ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1) / x.length);
    }

    public static void writeDemersCsv(List<DemersRow> rows, Path file) {
        StringBuilder sb = new StringBuilder("k,nodes,runs,residue,residue_se,paper_residue,traffic,traffic_se,paper_traffic\n");
        for (DemersRow r : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "%d,%d,%d,%.5f,%.5f,%.4f,%.3f,%.3f,%.1f%n", r.k(), r.nodes(), r.runs(),
                    r.residueMean(), r.residueSe(), r.paperResidue(), r.trafficMean(), r.trafficSe(), r.paperTraffic()));
        }
        write(file, sb.toString());
    }

    public static void writeFanoutCsv(List<FanoutPoint> points, Path file) {
        StringBuilder sb = new StringBuilder("c,nodes,runs,reached_all,share,theory,mean_coverage,messages_per_node\n");
        for (FanoutPoint p : points) {
            sb.append(String.format(java.util.Locale.ROOT, "%.2f,%d,%d,%d,%.4f,%.4f,%.5f,%.3f%n", p.c(), p.nodes(), p.runs(),
                    p.reachedAll(), p.share(), p.theory(), p.meanCoverage(), p.meanMessagesPerNode()));
        }
        write(file, sb.toString());
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
