package io.p2ptestbed.overlay.transport.sim;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * An in-memory datagram network on virtual time. Datagrams are the real encoded bytes; each one is
 * delayed by the latency model, may be lost, and passes through the installed {@link LinkFilter}s.
 * All randomness comes from the generator handed in (derived from the scenario seed).
 */
public final class SimNetwork {

    private final VirtualScheduler scheduler;
    private final RandomGenerator rng;
    private final Map<NodeAddress, Endpoint> endpoints = new HashMap<>();
    private final List<LinkFilter> filters = new CopyOnWriteArrayList<>();
    private LatencyModel latency;
    private double lossRate;
    private long sent;
    private long delivered;
    private long dropped;
    private long bytes;

    public SimNetwork(VirtualScheduler scheduler, RandomGenerator rng, LatencyModel latency, double lossRate) {
        this.scheduler = scheduler;
        this.rng = rng;
        this.latency = latency;
        setLossRate(lossRate);
    }

    public Transport open(NodeAddress address) {
        if (endpoints.containsKey(address)) {
            throw new IllegalStateException("address already in use: " + address);
        }
        Endpoint e = new Endpoint(address);
        endpoints.put(address, e);
        return e;
    }

    public boolean isOpen(NodeAddress address) {
        return endpoints.containsKey(address);
    }

    public void addFilter(LinkFilter f) {
        filters.add(f);
    }

    public void removeFilter(LinkFilter f) {
        filters.remove(f);
    }

    public void setLatency(LatencyModel latency) {
        this.latency = latency;
    }

    public void setLossRate(double lossRate) {
        if (lossRate < 0 || lossRate >= 1) {
            throw new IllegalArgumentException("loss rate must be in [0, 1), got " + lossRate);
        }
        this.lossRate = lossRate;
    }

    public VirtualScheduler scheduler() {
        return scheduler;
    }

    public long sentDatagrams() {
        return sent;
    }

    public long deliveredDatagrams() {
        return delivered;
    }

    public long droppedDatagrams() {
        return dropped;
    }

    public long sentBytes() {
        return bytes;
    }

    private void send(NodeAddress from, NodeAddress to, byte[] data) {
        sent++;
        bytes += data.length;
        if (lossRate > 0 && rng.nextDouble() < lossRate) {
            dropped++;
            return;
        }
        LinkEffect effect = LinkEffect.NONE;
        for (LinkFilter f : filters) {
            effect = effect.combine(f.apply(from, to, rng));
        }
        if (effect.drop()) {
            dropped++;
            return;
        }
        Endpoint target = endpoints.get(to);
        for (int copy = 0; copy <= effect.extraCopies(); copy++) {
            long delay = latency.sampleMillis(from, to, rng) + effect.extraDelayMillis();
            scheduler.schedule(delay, () -> deliver(from, to, target, data));
        }
    }

    /** Delivers to whatever endpoint holds {@code to} now; {@code target} is the one that held it at sending. */
    private void deliver(NodeAddress from, NodeAddress to, Endpoint target, byte[] data) {
        // An endpoint is in the map exactly while it is open, so an open target is still the one at `to`.
        Endpoint e = target != null && target.open ? target : endpoints.get(to);
        if (e == null || e.handler == null) {
            dropped++;
            return;
        }
        delivered++;
        e.handler.onDatagram(from, data);
    }

    private final class Endpoint implements Transport {
        final NodeAddress address;
        DatagramHandler handler;
        boolean open = true;

        Endpoint(NodeAddress address) {
            this.address = address;
        }

        @Override
        public NodeAddress localAddress() {
            return address;
        }

        @Override
        public void send(NodeAddress to, byte[] datagram) {
            if (open) {
                SimNetwork.this.send(address, to, datagram.clone()); // like real UDP: the sender may reuse its buffer
            }
        }

        @Override
        public void sendOwned(NodeAddress to, byte[] datagram) {
            if (open) {
                SimNetwork.this.send(address, to, datagram);
            }
        }

        @Override
        public void setHandler(DatagramHandler handler) {
            this.handler = handler;
        }

        @Override
        public void close() {
            open = false;
            endpoints.remove(address, this);
        }
    }
}
