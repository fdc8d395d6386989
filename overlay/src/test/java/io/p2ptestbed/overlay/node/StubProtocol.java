package io.p2ptestbed.overlay.node;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Guards;
import io.p2ptestbed.overlay.spi.KeySpace;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A test-only overlay registered as {@code stub} (overlay's test resources): it offers none of the optional
 * capabilities, so the node process and control interface can be checked on a protocol that is not Kademlia.
 * Its neighbours are its seeds (with the zero id); parameters: {@code fanout} in [1, 8], and {@code guards}: whether
 * it offers {@link Guards} (it records the filters and merges the counter sources); {@code lateMillis} (0: off): its first
 * join completes at once without a neighbour, the seeds become its neighbours that much later, and every later join
 * never completes (as a Bitcoin node's join while it is connected to its seeds).
 */
public final class StubProtocol implements OverlayProtocol {

    public static final String NAME = "stub";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test stub: no routing, no store";
    }

    @Override
    public KeySpace keySpace() {
        return KeySpaces.CLOCKWISE;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("fanout", "2", "guards", "false", "lateMillis", "0");
    }

    @Override
    public void validate(ProtocolParams params) {
        params.intValue("fanout", 1, 8);
        params.bool("guards");
        params.intValue("lateMillis", 0, 60_000);
    }

    @Override
    public OverlayNode create(NodeContext c) {
        boolean guarded = c.params().bool("guards");
        int late = c.params().intValue("lateMillis", 0, 60_000);
        class Stub implements OverlayNode, Guards {
            private final List<Contact> neighbours = new ArrayList<>();
            private final List<Object> filters = new ArrayList<>();
            private final List<Supplier<Map<String, Long>>> sources = new ArrayList<>();
            private boolean running;
            private long joins;

            @Override
            public String protocol() {
                return NAME;
            }

            @Override
            public NodeId id() {
                return c.id();
            }

            @Override
            public NodeAddress address() {
                return c.transport().localAddress();
            }

            @Override
            public void start() {
                running = true;
            }

            @Override
            public CompletableFuture<Void> join(List<NodeAddress> seeds) {
                joins++;
                if (late > 0) {
                    if (joins > 1) {
                        return new CompletableFuture<>();
                    }
                    c.scheduler().schedule(late, () -> seeds.forEach(s -> neighbours.add(new Contact(NodeId.fromBytes(
                            new byte[NodeId.BYTES]), s))));
                    return CompletableFuture.completedFuture(null);
                }
                neighbours.clear();
                seeds.forEach(s -> neighbours.add(new Contact(NodeId.fromBytes(new byte[NodeId.BYTES]), s)));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public List<Contact> neighbours() {
                return List.copyOf(neighbours);
            }

            @Override
            public Map<String, Long> counters() {
                Map<String, Long> m = new TreeMap<>();
                m.put("stub.joins", joins);
                m.put("stub.fanout", (long) c.params().intValue("fanout", 1, 8));
                m.put("stub.filters", (long) filters.size());
                sources.forEach(src -> m.putAll(src.get()));
                return m;
            }

            @Override
            public Scheduler scheduler() {
                return c.scheduler();
            }

            @Override
            public <C> Optional<C> capability(Class<C> type) {
                return guarded && type == Guards.class ? Optional.of(type.cast(this)) : Optional.empty();
            }

            @Override
            public void addInboundFilter(InboundFilter filter) {
                filters.add(filter);
            }

            @Override
            public void addNeighbourFilter(Predicate<Contact> filter) {
                filters.add(filter);
            }

            @Override
            public void addCounterSource(Supplier<Map<String, Long>> source) {
                sources.add(source);
            }
        }
        return new Stub();
    }
}
