package io.p2ptestbed.harness.runtime;

import java.lang.management.ManagementFactory;

/**
 * What the simulated benchmarks print besides wall time, for figures measured on a shared machine: the calling
 * thread's and the process's CPU seconds, the system load average, and the heap in use after a full collection.
 */
public final class BenchMeter {

    private BenchMeter() {}

    /** CPU seconds of the calling thread (the simulation's event loop). */
    public static double threadCpuSeconds() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    /** CPU seconds of the whole process (collector and JIT threads included), or NaN when the JVM does not say. */
    public static double processCpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** The one-minute system load average (what `uptime` prints first), or -1 when unavailable. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Bytes of heap in use after a full collection (System.gc, twice: a benchmark's measurement, never a test's). */
    public static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Collections so far and the milliseconds they took, summed over the collectors (what each reports). */
    public static long[] gc() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** Bytes of heap in use now. */
    public static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
