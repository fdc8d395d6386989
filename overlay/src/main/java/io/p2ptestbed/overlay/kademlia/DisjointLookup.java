package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * S/Kademlia's lookup over {@code d} disjoint paths (Baumgart and Mies 2007, section 4.4). The k closest
 * known contacts are dealt round-robin to d independent iterative lookups with α queries in flight each.
 * A path learns only from its own replies, and a node that one path has queried is never queried by
 * another (the paths share a claim set; a path that meets a claimed node skips it and goes on with
 * its next candidate), so a single adversarial node can spoil at most one path. The lookup succeeds
 * when at least one path reaches the target's true neighbourhood; the result merges all paths.
 *
 * <p>Runs on the owning node's scheduler thread, like {@link IterativeLookup}.
 */
final class DisjointLookup {

    private final KademliaNode node;
    private final NodeId target;
    private final LookupKind kind;
    private final int k;
    private final int d;
    private final int alphaPerPath;

    DisjointLookup(KademliaNode node, NodeId target, LookupKind kind, int k, int d, int alphaPerPath) {
        if (d < 1 || d > 64) {
            throw new IllegalArgumentException("disjoint paths d must be in [1, 64], got " + d);
        }
        if (alphaPerPath < 1 || alphaPerPath > 32) {
            throw new IllegalArgumentException("alpha per path must be in [1, 32], got " + alphaPerPath);
        }
        this.node = node;
        this.target = target;
        this.kind = kind;
        this.k = k;
        this.d = d;
        this.alphaPerPath = alphaPerPath;
    }

    CompletableFuture<DisjointLookupResult> start(List<Contact> closestKnown) {
        Set<NodeId> claims = new HashSet<>();
        List<List<Contact>> seeds = new ArrayList<>(d);
        for (int p = 0; p < d; p++) {
            seeds.add(new ArrayList<>());
        }
        for (int i = 0; i < closestKnown.size(); i++) {
            seeds.get(i % d).add(closestKnown.get(i));
        }
        List<IterativeLookup> paths = new ArrayList<>(d);
        List<CompletableFuture<LookupResult>> futures = new ArrayList<>(d);
        for (int p = 0; p < d; p++) {
            IterativeLookup path = new IterativeLookup(node, target, kind, k, alphaPerPath, claims);
            paths.add(path);
        }
        for (int p = 0; p < d; p++) {
            futures.add(paths.get(p).start(seeds.get(p)));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<LookupResult> results = futures.stream().map(CompletableFuture::join).toList();
            return new DisjointLookupResult(merge(results), results,
                    paths.stream().map(IterativeLookup::queried).toList(),
                    paths.stream().map(IterativeLookup::skipped).toList());
        });
    }

    /**
     * Paths query disjoint sets of nodes, so the k closest answers overall are among the union of each
     * path's k closest answers.
     */
    private LookupResult merge(List<LookupResult> results) {
        List<Contact> all = new ArrayList<>();
        Set<NodeAddress> peers = new LinkedHashSet<>();
        Map<NodeId, byte[]> tokens = new HashMap<>();
        int hops = 0;
        int queries = 0;
        int responses = 0;
        int failures = 0;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (LookupResult r : results) {
            all.addAll(r.closest());
            peers.addAll(r.peers());
            tokens.putAll(r.tokens());
            hops = Math.max(hops, r.hops());
            queries += r.queries();
            responses += r.responses();
            failures += r.failures();
            start = Math.min(start, r.startMillis());
            end = Math.max(end, r.endMillis());
        }
        all.sort((x, y) -> target.compareDistance(x.id(), y.id()));
        List<Contact> closest = List.copyOf(all.size() > k ? all.subList(0, k) : all);
        tokens.keySet().retainAll(closest.stream().map(Contact::id).toList());
        return new LookupResult(target, kind, closest, Set.copyOf(peers), Map.copyOf(tokens), hops, queries,
                responses, failures, start, end);
    }
}
