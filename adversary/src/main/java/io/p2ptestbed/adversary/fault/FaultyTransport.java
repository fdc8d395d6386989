package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A transport decorator that applies its {@link FaultPlane}'s link faults to real traffic: drops,
 * delays (via the scheduler, never a sleep), duplicates and reorders datagrams on send and, for
 * senders outside the plane, on receive. Works around any {@link Transport}, Netty UDP included.
 */
public final class FaultyTransport implements Transport {

    private final Transport inner;
    private final FaultPlane plane;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();

    FaultyTransport(Transport inner, FaultPlane plane, Scheduler scheduler, RandomGenerator rng) {
        this.inner = inner;
        this.plane = plane;
        this.scheduler = scheduler;
        this.rng = rng;
    }

    @Override
    public NodeAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public void send(NodeAddress to, byte[] datagram) {
        LinkEffect e = effect(localAddress(), to);
        apply(e, () -> inner.send(to, datagram));
    }

    @Override
    public void setHandler(DatagramHandler handler) {
        inner.setHandler((from, data) -> {
            if (plane.isDecorated(from)) {
                handler.onDatagram(from, data);
            } else {
                apply(effect(from, localAddress()), () -> handler.onDatagram(from, data));
            }
        });
    }

    @Override
    public void close() {
        plane.forget(localAddress());
        inner.close();
    }

    public long droppedDatagrams() {
        return dropped.get();
    }

    public long delayedDatagrams() {
        return delayed.get();
    }

    public long duplicatedDatagrams() {
        return duplicated.get();
    }

    private LinkEffect effect(NodeAddress from, NodeAddress to) {
        synchronized (rng) {
            return plane.effect(from, to, rng);
        }
    }

    private void apply(LinkEffect e, Runnable deliver) {
        if (e.drop()) {
            dropped.incrementAndGet();
            return;
        }
        duplicated.addAndGet(e.extraCopies());
        for (int copy = 0; copy <= e.extraCopies(); copy++) {
            if (e.extraDelayMillis() > 0) {
                delayed.incrementAndGet();
                scheduler.schedule(e.extraDelayMillis(), deliver);
            } else {
                deliver.run();
            }
        }
    }
}
