package io.p2ptestbed.harness.kademlia;

import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Kademlia's operations on the in-JVM runtimes (simulated, loopback): lookups and announces on the
 * nodes' {@link KademliaNode}s, Kademlia node set-ups (defences) and access to a node's Kademlia node.
 */
public final class LocalKademlia implements KademliaRuntime {

    private final LocalRuntime runtime;

    public LocalKademlia(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The Kademlia node of a local node, for Kademlia-only steps and attacks; on any other overlay a
     * message names the overlay. Touch it only on its scheduler thread.
     */
    public static KademliaNode node(NodeHandle handle) {
        OverlayNode overlay = ((LocalNode) handle).overlay();
        return overlay == null ? null : overlay.require(KademliaNode.class, "this Kademlia-only operation (buckets, KRPC)");
    }

    /** Runs {@code call} on the node's own thread (its event loop on sockets) and returns its result. */
    public static <T> T onNode(LocalRuntime runtime, LocalNode node, Function<KademliaNode, T> call) {
        KademliaNode n = node(node);
        return runtime.onOverlay(node, o -> call.apply(n));
    }

    /** Runs for every Kademlia node created from now on (Kademlia defences); other overlays are refused. */
    public static void addNodeSetup(LocalRuntime runtime, Consumer<KademliaNode> setup) {
        if (!KademliaScenarios.isKademlia(runtime.scenario())) {
            throw new UnsupportedCapabilityException("these defences are Kademlia's; the "
                    + "scenario runs the " + runtime.scenario().protocolName() + " overlay");
        }
        runtime.addOverlaySetup(n -> setup.accept(n.require(KademliaNode.class, "Kademlia defences")));
    }

    @Override
    public List<LookupResult> lookups(List<LookupRequest> requests) {
        List<CompletableFuture<LookupResult>> fs = new ArrayList<>(requests.size());
        int alpha = requests.isEmpty() ? 0 : KademliaScenarios.config(runtime.scenario()).alpha();
        for (LookupRequest r : requests) {
            fs.add(r.from().alive()
                    ? node(r.from()).lookup(r.target(), r.kind(), alpha)
                    : CompletableFuture.completedFuture(null));
        }
        return runtime.awaitOperations(fs);
    }

    @Override
    public AnnounceResult announce(NodeHandle from, NodeId infoHash, int port) {
        return runtime.awaitOperations(List.of(node(from).announce(infoHash, port))).get(0);
    }
}
