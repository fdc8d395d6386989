package io.p2ptestbed.harness.attack;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.kademlia.InboundGuard;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's service capacity, for flood experiments: the node can process at most {@code perSecond}
 * queries per second, with a backlog of {@code backlogMillis} worth of work; queries beyond that are
 * shed (dropped unanswered), as an overloaded host drops datagrams from a full socket buffer. A token
 * bucket on the node's own clock (virtual time on the simulator).
 *
 * <p><b>This is a model, not a measurement of the Java node.</b> The simulator has no CPU cost, so
 * without it a flood could never degrade honest service. Install it after any defence guards: a rate
 * limiter is a cheap check in front of the expensive processing this budget stands for, so only
 * queries that pass the limiter spend capacity.
 */
public final class ServiceCapacity implements InboundGuard {

    private final double perMilli;
    private final double depth;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private double tokens;
    private long last = Long.MIN_VALUE;

    public ServiceCapacity(int perSecond, long backlogMillis) {
        if (perSecond < 1 || perSecond > 10_000_000) {
            throw new IllegalArgumentException("capacity must be in [1, 10000000] queries per second, got " + perSecond);
        }
        if (backlogMillis < 1 || backlogMillis > 60_000) {
            throw new IllegalArgumentException("backlog must be in [1, 60000] ms, got " + backlogMillis);
        }
        this.perMilli = perSecond / 1000.0;
        this.depth = Math.max(1, perSecond * backlogMillis / 1000.0);
        this.tokens = depth;
    }

    /** Installs the budget on {@code node}, behind the guards it already has. Call on the node's thread. */
    public ServiceCapacity installOn(KademliaNode node) {
        node.addGuard(this);
        return this;
    }

    @Override
    public Verdict admit(NodeAddress from, KrpcQuery query, long now) {
        if (last == Long.MIN_VALUE) {
            last = now;
        } else if (now > last) {
            tokens = Math.min(depth, tokens + (now - last) * perMilli);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
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
