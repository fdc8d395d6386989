package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.scenario.ScenarioException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Whether a simulated network fits the heap, estimated before anything is built: the protocol's bytes per
 * node ({@link io.p2ptestbed.overlay.spi.OverlayProtocol#bytesPerNode}) times the nodes, plus
 * {@value #HEADROOM_PERCENT}% for lookups in flight and garbage between collections, plus
 * {@value #BASE_MB} MB for the JVM's own classes and the harness. The live set has to fit where the
 * collector keeps long-lived objects (the old generation of the parallel and serial collectors, the
 * whole heap under G1), so that is what the estimate is compared with.
 *
 * @param nodes        nodes of the network
 * @param bytesPerNode the protocol's estimate for one node at this size
 * @param neededBytes  what the network needs where long-lived objects go
 * @param availableBytes what this JVM offers there
 */
public record HeapBudget(int nodes, long bytesPerNode, long neededBytes, long availableBytes) {

    static final int HEADROOM_PERCENT = 15;
    static final long BASE_MB = 256;

    /** The budget of {@code scenario} in this JVM. */
    public static HeapBudget of(Scenario scenario) {
        return of(scenario, longLivedCapacity());
    }

    public static HeapBudget of(Scenario scenario, long availableBytes) {
        long perNode = scenario.overlay().bytesPerNode(scenario.protocol(), scenario.nodes());
        return new HeapBudget(scenario.nodes(), perNode, needed(scenario.nodes(), perNode), availableBytes);
    }

    static long needed(int nodes, long perNode) {
        return nodes * perNode * (100 + HEADROOM_PERCENT) / 100 + (BASE_MB << 20);
    }

    public boolean fits() {
        return neededBytes <= availableBytes;
    }

    /**
     * The heap to give a JVM with the parallel collector and a young generation of {@link #youngBytes}:
     * what is needed plus that young generation, in whole gigabytes.
     */
    public long suggestedHeapBytes() {
        long gb = 1L << 30;
        return (neededBytes + youngBytes() + gb - 1) / gb * gb;
    }

    /** A young generation for {@link #suggestedHeapBytes}: an eighth of what is needed, between 512 MB and 2 GB. */
    public long youngBytes() {
        return Math.max(512L << 20, Math.min(2L << 30, (neededBytes / 8) >> 20 << 20));
    }

    /** Refuses, before anything is built, a network that cannot fit; the message gives the estimate and the fix. */
    public void require(String what) {
        if (!fits()) {
            throw new ScenarioException("nodes", "is too large for this JVM's heap: " + describe(what) + ". " + advice());
        }
    }

    /** One line: the estimate against the heap. */
    public String describe(String what) {
        return String.format(Locale.ROOT, "%,d %s need about %s of heap (estimated before building: %.1f KB per node, "
                        + "plus %d%% headroom and %d MB for the JVM), and this JVM can keep %s of long-lived objects (-Xmx %s)",
                nodes, what, size(neededBytes), bytesPerNode / 1024.0, HEADROOM_PERCENT, BASE_MB, size(availableBytes),
                size(Runtime.getRuntime().maxMemory()));
    }

    /** The JVM options to run with. */
    public String advice() {
        String xmx = (suggestedHeapBytes() >> 30) + "g";
        String xmn = (youngBytes() >> 20) + "m";
        return "Give it a heap of " + xmx + ": TESTBED_JAVA_OPTS='-Xms" + xmx + " -Xmx" + xmx + " -Xmn" + xmn
                + " -XX:+UseParallelGC' ./testbed ..., or java -Xmx" + xmx + " -Xmn" + xmn + " -XX:+UseParallelGC ...";
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", bytes >> 20);
    }

    /**
     * Where long-lived objects go: the old generation's maximum when the collector has one (parallel,
     * serial), else the whole heap (G1, whose old regions can take all of it).
     */
    public static long longLivedCapacity() {
        long max = Runtime.getRuntime().maxMemory();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.equals("PS Old Gen") || name.equals("Tenured Gen"))) {
                long old = pool.getUsage().getMax();
                if (old > 0) {
                    return Math.min(max, old);
                }
            }
        }
        return max;
    }
}
