package io.p2ptestbed.features.steps;

import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;

/**
 * Checks of the numbers written in steps (node indices, counts, percentages), so that a value out of
 * range stops the scenario with a message naming the value and the range that is valid, instead of an
 * exception from deep inside the harness.
 */
public final class Steps {

    private Steps() {}

    /** A node index in a network of {@code size} nodes: {@code [0, size - 1]}. */
    public static int nodeIndex(int index, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("no node " + index + ": the network has no nodes");
        }
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("no node " + index + ": the network has " + size
                    + " nodes, so node numbers run from 0 to " + (size - 1));
        }
        return index;
    }

    /** Node {@code index} of the running network, checked against its size. */
    public static NodeHandle node(TestbedWorld world, int index) {
        NetworkRuntime rt = world.runtime();
        return rt.node(nodeIndex(index, rt.nodes().size()));
    }

    /** A percentage in {@code [0, 100]}. */
    public static double percent(String what, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(what + " must be a percentage in [0, 100], got " + fmt(percent) + "%");
        }
        return percent;
    }

    /** A percentage in {@code (0, 100)}: some, but not all. */
    public static int share(String what, int percent) {
        if (percent <= 0 || percent >= 100) {
            throw new IllegalArgumentException(what + " must be a percentage in [1, 99], got " + percent + "%");
        }
        return percent;
    }

    /** A whole number in {@code [min, max]}. */
    public static int count(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** A whole number in {@code [min, max]}. */
    public static long count(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /**
     * The running network as an in-JVM runtime (simulated or loopback) of {@code protocol}, for sentences that belong
     * to that overlay; a failure naming the overlay that runs instead, and the sentence that builds the right one.
     */
    public static io.p2ptestbed.harness.runtime.LocalRuntime localRuntimeOf(TestbedWorld world, String protocol, String buildIt) {
        NetworkRuntime rt = runtimeOf(world, protocol, buildIt);
        if (!(rt instanceof io.p2ptestbed.harness.runtime.LocalRuntime local)) {
            throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("the " + protocol
                    + " sentences run on the simulated and loopback runtimes, not on " + rt.kind().label());
        }
        return local;
    }

    /** The runtime of a network of {@code protocol}, on any runtime; a clear error naming the sentence to use otherwise. */
    public static NetworkRuntime runtimeOf(TestbedWorld world, String protocol, String buildIt) {
        NetworkRuntime rt = world.runtime();
        if (!rt.scenario().protocolName().equals(protocol)) {
            throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("this sentence is about the " + protocol
                    + " overlay; the network runs the " + rt.scenario().protocolName() + " overlay (use '" + buildIt + "')");
        }
        return rt;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
