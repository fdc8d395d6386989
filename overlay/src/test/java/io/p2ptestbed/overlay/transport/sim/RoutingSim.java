package io.p2ptestbed.overlay.transport.sim;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A deterministic world of one key-routing overlay on datagrams for tests (the fixture of Chord and Pastry): nodes
 * made through the SPI registry on {@link SimNetwork} and {@link VirtualScheduler}, each with its own split of the
 * seed's generator, and lookups graded by the subclass.
 */
public class RoutingSim {

    public final VirtualScheduler scheduler = new VirtualScheduler();
    public final SplittableRandom rng;
    public final SimNetwork network;
    public final OverlayProtocol protocol;
    public final ProtocolParams params;
    public final List<OverlayNode> nodes = new ArrayList<>();

    protected RoutingSim(String protocol, long seed, Map<String, String> params, LatencyModel latency) {
        this.protocol = Protocols.get(protocol);
        this.rng = new SplittableRandom(seed);
        this.network = new SimNetwork(scheduler, rng.split(), latency, 0);
        this.params = this.protocol.params(params);
    }

    /** The address of the i-th node: distinct for every i (10.x.y.z, port 4000 and up). */
    public static NodeAddress address(int i) {
        return NodeAddress.of(10, (i >>> 16) & 0xFF, (i >>> 8) & 0xFF, i & 0xFF, 4000 + (i >>> 24));
    }

    /** The id of a node at {@code a}, from its generator: the protocol's own by default. */
    protected NodeId idFor(NodeAddress a, SplittableRandom nodeRng) {
        return protocol.idFor(a, nodeRng, params);
    }

    /** Starts the next node (not joined yet). */
    public OverlayNode add() {
        NodeAddress a = address(nodes.size() + 1);
        SplittableRandom nodeRng = rng.split();
        NodeId id = idFor(a, nodeRng);
        OverlayNode n = protocol.create(new NodeContext(id, network.open(a), scheduler, nodeRng, params));
        n.start();
        nodes.add(n);
        return n;
    }

    public List<OverlayNode> live() {
        return nodes.stream().filter(OverlayNode::isRunning).toList();
    }

    /** Runs virtual time until the future is done (10 virtual minutes at most) and returns its value. */
    public <T> T await(CompletableFuture<T> f) {
        scheduler.runUntil(f::isDone, scheduler.nowMillis() + 600_000);
        return f.join();
    }

    /** Routes {@code count} random keys from random live nodes, all in flight at once. */
    public List<RouteResult> lookups(int count, SplittableRandom r) {
        List<OverlayNode> live = live();
        List<CompletableFuture<RouteResult>> fs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OverlayNode from = live.get(r.nextInt(live.size()));
            fs.add(from.require(KeyRouting.class, "test lookups").route(NodeId.random(r)));
        }
        await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)));
        return fs.stream().map(CompletableFuture::join).toList();
    }
}
