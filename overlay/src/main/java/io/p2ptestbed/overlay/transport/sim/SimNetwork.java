package io.p2ptestbed.overlay.transport.sim;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.List;
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
    private final EndpointTable endpoints = new EndpointTable();
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

    /**
     * Open endpoints by address: open addressing on the packed (ip, port), so that a send costs one probe
     * into a flat array instead of a HashMap node and a record's equals.
     */
    private static final class EndpointTable {
        private long[] keys = new long[64]; // (ip << 16 | port) + 1; 0 marks a free slot
        private Endpoint[] values = new Endpoint[64];
        private int size;

        private static long key(NodeAddress a) {
            return ((a.ip() & 0xFFFFFFFFL) << 16 | a.port()) + 1;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        Endpoint get(NodeAddress a) {
            long k = key(a);
            int mask = keys.length - 1;
            for (int i = slot(k, mask); ; i = (i + 1) & mask) {
                long at = keys[i];
                if (at == k) {
                    return values[i];
                }
                if (at == 0) {
                    return null;
                }
            }
        }

        boolean containsKey(NodeAddress a) {
            return get(a) != null;
        }

        void put(NodeAddress a, Endpoint e) {
            if ((size + 1) * 2 > keys.length) {
                long[] oldKeys = keys;
                Endpoint[] oldValues = values;
                keys = new long[oldKeys.length * 2];
                values = new Endpoint[oldKeys.length * 2];
                size = 0;
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != 0) {
                        insert(oldKeys[i], oldValues[i]);
                    }
                }
            }
            insert(key(a), e);
        }

        private void insert(long k, Endpoint e) {
            int mask = keys.length - 1;
            int i = slot(k, mask);
            while (keys[i] != 0 && keys[i] != k) {
                i = (i + 1) & mask;
            }
            if (keys[i] == 0) {
                size++;
            }
            keys[i] = k;
            values[i] = e;
        }

        /** Removes {@code a} if it maps to {@code e} (backward-shift deletion keeps probe chains intact). */
        void remove(NodeAddress a, Endpoint e) {
            long k = key(a);
            int mask = keys.length - 1;
            int i = slot(k, mask);
            while (keys[i] != k) {
                if (keys[i] == 0) {
                    return;
                }
                i = (i + 1) & mask;
            }
            if (values[i] != e) {
                return;
            }
            size--;
            int gap = i;
            for (int j = (gap + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
                int home = slot(keys[j], mask);
                // Move j back into the gap unless its home lies cyclically in (gap, j].
                boolean stays = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
                if (!stays) {
                    keys[gap] = keys[j];
                    values[gap] = values[j];
                    gap = j;
                }
            }
            keys[gap] = 0;
            values[gap] = null;
        }
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
