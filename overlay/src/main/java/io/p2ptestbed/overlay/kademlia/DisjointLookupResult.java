package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import java.util.List;

/**
 * What a {@link KademliaNode#disjointLookupPaths disjoint lookup} found, path by path.
 *
 * @param merged  the union of the paths: the k closest contacts that answered any path, closest first;
 *                its counters are sums over the paths and its hops the longest path's
 * @param paths   each path's own result, in path order
 * @param queried the contacts each path queried, in order; no contact appears in two paths
 * @param skipped per path, candidates it skipped because another path had already queried them
 */
public record DisjointLookupResult(LookupResult merged, List<LookupResult> paths, List<List<Contact>> queried,
                                   List<Integer> skipped) {

    public DisjointLookupResult {
        paths = List.copyOf(paths);
        queried = queried.stream().map(List::copyOf).toList();
        skipped = List.copyOf(skipped);
    }
}
