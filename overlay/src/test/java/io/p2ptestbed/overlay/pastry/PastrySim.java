package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.RoutingSim;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A deterministic Pastry world for tests: nodes made through the SPI registry on SimNetwork + VirtualScheduler. */
final class PastrySim extends RoutingSim {

    PastrySim(long seed, Map<String, String> params) {
        this(seed, params, LatencyModel.uniform(10, 100));
    }

    PastrySim(long seed, Map<String, String> params, LatencyModel latency) {
        super("pastry", seed, params, latency);
    }

    /** Adds n nodes; node k joins through a random earlier node at k * gapMillis; returns failed joins. */
    int grow(int n, long gapMillis) {
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            OverlayNode node = add();
            if (nodes.size() == 1) {
                node.join(List.of());
                continue;
            }
            OverlayNode seed = nodes.get(rng.nextInt(nodes.size() - 1));
            CompletableFuture<Void> f = new CompletableFuture<>();
            joins.add(f);
            scheduler.schedule((long) k * gapMillis, () -> node.join(List.of(seed.address())).whenComplete((v, e) -> {
                if (e != null) {
                    f.completeExceptionally(e);
                } else {
                    f.complete(null);
                }
            }));
        }
        scheduler.advance((long) n * gapMillis + 1);
        await(CompletableFuture.allOf(joins.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new)));
        return (int) joins.stream().filter(CompletableFuture::isCompletedExceptionally).count();
    }

    static PastryView view(OverlayNode n) {
        return n.capability(PastryView.class).orElseThrow();
    }

    /** The live node numerically closest to the key (ground truth, by the SPI's key space). */
    NodeId owner(NodeId key) {
        return live().stream().map(OverlayNode::id)
                .min((a, b) -> KeySpaces.NUMERIC.compareDistance(key, a, b)).orElseThrow();
    }

    /** Share of results whose owner is the key's numerically closest live node. */
    double correctShare(List<RouteResult> rs) {
        long ok = rs.stream().filter(r -> r.found() && r.owner().id().equals(owner(r.key()))).count();
        return (double) ok / rs.size();
    }

    static double meanHops(List<RouteResult> rs) {
        return rs.stream().mapToInt(RouteResult::hops).average().orElse(0);
    }

    /** Leaf-set entries (clockwise halves) that point at stopped nodes, and live nodes missing from them. */
    String leafDiagnosis() {
        java.util.Set<io.p2ptestbed.overlay.id.NodeId> liveIds = new java.util.HashSet<>(live().stream().map(OverlayNode::id).toList());
        long deadEntries = 0;
        for (OverlayNode n : live()) {
            deadEntries += ((PastryNode) n).leafSet().stream().filter(c -> !liveIds.contains(c.id())).count();
        }
        return "dead leaf entries " + deadEntries;
    }

    /** Nodes whose leaf set is not the |L|/2 live nodes nearest on each side. */
    int wrongLeafSets() {
        List<NodeId> ids = live().stream().map(OverlayNode::id).sorted(Comparator.naturalOrder()).toList();
        int wrong = 0;
        for (OverlayNode n : live()) {
            PastryNode p = (PastryNode) n;
            int half = p.config().leafSet() / 2;
            int i = ids.indexOf(n.id());
            List<NodeId> right = new ArrayList<>();
            for (int k = 1; k <= Math.min(half, ids.size() - 1); k++) {
                right.add(ids.get((i + k) % ids.size()));
            }
            List<NodeId> got = p.successors().stream().map(c -> c.id()).toList();
            if (!got.equals(right)) {
                wrong++;
            }
        }
        return wrong;
    }
}
