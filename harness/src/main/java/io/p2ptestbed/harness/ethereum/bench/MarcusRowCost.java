package io.p2ptestbed.harness.ethereum.bench;

import io.p2ptestbed.harness.ethereum.MarcusEclipse;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.ethereum.Recoveries;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one of {@code suites/ethereum/eclipse.feature}'s default rows costs: runs it as its steps do (30 honest nodes,
 * seed 1802, 7 minutes, 30 attacker ids on 2 IP addresses against node 12, the standard attack shape) and prints the
 * thread CPU seconds of the warm-up and of the attack, the outcome, and every counter summed over the honest nodes (RLPx
 * handshakes, dials, lookups, datagrams), so code before and after a change can be compared by work done, not only by
 * wall time on a loaded machine (docs/ethereum.md, session 17).
 *
 * <pre>java -cp features/target/testbed.jar io.p2ptestbed.harness.ethereum.bench.MarcusRowCost 1.7|1.8</pre>
 */
public final class MarcusRowCost {

    private MarcusRowCost() {}

    public static void main(String[] args) {
        if (args.length != 1 || !List.of("1.7", "1.8").contains(args[0])) {
            System.err.println("usage: MarcusRowCost 1.7|1.8 (the geth 1.7 or the geth 1.8 row of eclipse.feature)");
            System.exit(2);
        }
        Scenario s = Scenario.defaults("marcus-row-cost", 30).withProtocol("ethereum").withSeed(1802);
        if (args[0].equals("1.7")) {
            s = s.withParams(Map.of("dialRatio", "0", "buckets", "257", "ipLimits", "false", "seedAge", "false"));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            rt.start();
            rt.advance(420_000);
            long c1 = mx.getCurrentThreadCpuTime();
            Map<String, Long> warm = sum(rt);
            LocalNode victim = (LocalNode) rt.node(12);
            MarcusEclipse.Attack a = MarcusEclipse.attack(rt, List.of(victim), 30,
                    new MarcusEclipse.Setup(2, 120_000, 0, 420_000, 5_000, 60_000, 1));
            MarcusEclipse.Point p = MarcusEclipse.measure(rt, "row", 30, 2, List.of(victim), a.addresses());
            long c2 = mx.getCurrentThreadCpuTime();
            Recoveries table = Recoveries.forClock(new VirtualScheduler());
            System.out.printf("geth %s row: %.1f s wall, thread CPU %.1f s warm-up + %.1f s attack; recoveries from the table %d, "
                    + "computed %d%n", args[0], (System.nanoTime() - t0) / 1e9, (c1 - c0) / 1e9, (c2 - c1) / 1e9, table.hits(),
                    table.misses());
            System.out.println("outcome      " + p);
            System.out.println("after warm-up " + warm);
            System.out.println("at the end   " + sum(rt));
            System.out.println("victim       " + new TreeMap<>(victim.overlay().counters()));
        }
    }

    private static Map<String, Long> sum(SimulatedRuntime rt) {
        Map<String, Long> m = new TreeMap<>();
        for (LocalNode n : rt.nodes()) {
            n.overlay().counters().forEach((k, v) -> m.merge(k, v, Long::sum));
        }
        return m;
    }
}
