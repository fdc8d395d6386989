package io.p2ptestbed.features.world;

import io.p2ptestbed.harness.runtime.BroadcastProbe;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.workload.Broadcasts;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-scenario broadcast state: the runtime's probe of every node's deliveries (in-JVM a recorder installed
 * before the network starts, so restarted and joining nodes report too; in containers the nodes' control
 * interfaces) and the broadcasts measured so far.
 */
public final class BroadcastWorld implements TestbedWorld.RuntimeListener {

    /** How long no delivery and no broadcast datagram must be seen before a broadcast counts as settled. */
    public static final long DEFAULT_QUIET_MILLIS = 3_000;
    /** The longest a single broadcast may spread before it is measured anyway. */
    public static final long MAX_SPREAD_MILLIS = 600_000;

    private BroadcastProbe probe;
    private String unsupported;
    private long quietMillis = DEFAULT_QUIET_MILLIS;
    private final List<Broadcasts.Run> last = new ArrayList<>();

    public static BroadcastWorld of(TestbedWorld world) {
        return world.extension(BroadcastWorld.class, BroadcastWorld::new);
    }

    @Override
    public void beforeStart(NetworkRuntime rt) {
        try {
            probe = Broadcasts.attach(rt);
        } catch (IllegalStateException | UnsupportedCapabilityException e) {
            unsupported = "broadcast deliveries cannot be observed here: " + e.getMessage();
        }
    }

    /** The runtime's broadcast probe; a clear failure when this runtime cannot observe deliveries. */
    public BroadcastProbe probe() {
        if (probe == null) {
            throw new UnsupportedCapabilityException(unsupported != null ? unsupported
                    : "no broadcast probe: the network started before the broadcast steps were set up");
        }
        return probe;
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
