package io.p2ptestbed.features.world;

import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.workload.Broadcasts;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-scenario broadcast state: the recorder of every node's deliveries (installed before the network
 * starts, so restarted and joining nodes report too) and the broadcasts measured so far.
 */
public final class BroadcastWorld implements TestbedWorld.RuntimeListener {

    /** How long no delivery and no broadcast datagram must be seen before a broadcast counts as settled. */
    public static final long DEFAULT_QUIET_MILLIS = 3_000;
    /** The longest a single broadcast may spread before it is measured anyway. */
    public static final long MAX_SPREAD_MILLIS = 600_000;

    private Broadcasts.Recorder recorder;
    private String unsupported;
    private long quietMillis = DEFAULT_QUIET_MILLIS;
    private final List<Broadcasts.Run> last = new ArrayList<>();

    public static BroadcastWorld of(TestbedWorld world) {
        return world.extension(BroadcastWorld.class, BroadcastWorld::new);
    }

    @Override
    public void beforeStart(NetworkRuntime rt) {
        if (!(rt instanceof LocalRuntime)) {
            unsupported = "the " + rt.kind().label() + " runtime cannot observe broadcast deliveries yet (its nodes live in "
                    + "other processes); run broadcast scenarios on the simulated or loopback runtime";
            return;
        }
        try {
            recorder = Broadcasts.attach(rt);
        } catch (IllegalStateException e) {
            unsupported = "broadcast deliveries cannot be observed here: " + e.getMessage();
        }
    }

    /** The recorder; a clear failure when this runtime cannot observe deliveries. */
    public Broadcasts.Recorder recorder() {
        if (recorder == null) {
            throw new UnsupportedCapabilityException(unsupported != null ? unsupported
                    : "no broadcast recorder: the network started before the broadcast steps were set up");
        }
        return recorder;
    }

    public long quietMillis() {
        return quietMillis;
    }

    public void quietMillis(long millis) {
        quietMillis = millis;
    }

    /** The runs of the last publishing step. */
    public List<Broadcasts.Run> last() {
        if (last.isEmpty()) {
            throw new IllegalStateException("no broadcast has been measured yet: use 'node N publishes a message' or "
                    + "'N messages are published from random nodes' first");
        }
        return last;
    }

    public void last(List<Broadcasts.Run> runs) {
        last.clear();
        last.addAll(runs);
    }
}
