package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's service capacity, for flood experiments: the node can process at most {@code perSecond}
 * queries per second, accounted in fixed windows of {@code windowMillis} (a CPU budget per scheduling
 * quantum): in each window it serves the first {@code perSecond * windowMillis / 1000} queries and sheds
 * (drops unanswered) the rest, as an overloaded host drops datagrams it has no time for. Windows are
 * read from the node's own clock (virtual time on the simulator).
 *
 * <p>Fixed windows rather than a finely refilled token bucket: a flood paced by a busy event loop on
 * real sockets arrives in small bursts, and a bucket refilled per millisecond would hand the gaps
 * between bursts to honest queries, understating the flood. A 100 ms window averages that out.
 *
 * <p><b>This is a model, not a measurement of the Java node.</b> The simulator has no CPU cost, so
 * without it a flood could never degrade honest service. Install it after any defence guards: a rate
 * limiter is a cheap check in front of the expensive processing this budget stands for, so only
 * queries that pass the limiter spend capacity.
 */
public final class ServiceCapacity implements InboundGuard {

    private final long windowMillis;
    private final long perWindow;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private long window = Long.MIN_VALUE;
    private long used;

    public ServiceCapacity(int perSecond, long windowMillis) {
        if (perSecond < 1 || perSecond > 10_000_000) {
            throw new IllegalArgumentException("capacity must be in [1, 10000000] queries per second, got " + perSecond);
        }
        if (windowMillis < 1 || windowMillis > 60_000) {
            throw new IllegalArgumentException("accounting window must be in [1, 60000] ms, got " + windowMillis);
        }
        this.windowMillis = windowMillis;
        this.perWindow = Math.max(1, perSecond * windowMillis / 1000);
    }

    /** Installs the budget on {@code node}, behind the guards it already has. Call on the node's thread. */
    public ServiceCapacity installOn(KademliaNode node) {
        node.addGuard(this);
        return this;
    }

    @Override
    public Verdict admit(NodeAddress from, KrpcQuery query, long now) {
        long w = Math.floorDiv(now, windowMillis);
        if (w != window) {
            window = w;
            used = 0;
        }
        if (used < perWindow) {
            used++;
            served.incrementAndGet();
            return Verdict.ALLOW;
        }
        shed.incrementAndGet();
        return Verdict.DROP;
    }

    public long served() {
        return served.get();
    }

    public long shed() {
        return shed.get();
    }
}
