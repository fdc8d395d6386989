package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.kademlia.NodeListener;
import java.util.Map;

/**
 * Switches the node's lookups to S/Kademlia disjoint paths; uninstalling restores the previous setting.
 * Counters ({@code defence.disjoint.*}): {@code d}, {@code alpha_per_path} (the setting) and
 * {@code paths_finished} (lookup paths, and plain lookups such as refreshes, completed since install).
 */
public final class DisjointPaths implements Defence, NodeListener {

    private final DisjointPathsConfig config;
    private final Counters counters = new Counters("disjoint", "paths_finished");
    private final SingleNode node = new SingleNode();
    private int previousD = 1;
    private int previousAlpha = 1;

    public DisjointPaths(DisjointPathsConfig config) {
        this.config = config;
        counters.set("d", config.d());
        counters.set("alpha_per_path", config.alphaPerPath());
    }

    @Override
    public String name() {
        return DisjointPathsConfig.NAME;
    }

    @Override
    public void install(KademliaNode n) {
        node.bind(n, name());
        previousD = n.lookupPaths();
        previousAlpha = n.alphaPerPath();
        n.setLookupPaths(config.d(), config.alphaPerPath());
        n.addListener(this);
    }

    @Override
    public void uninstall(KademliaNode n) {
        n.setLookupPaths(previousD, previousAlpha);
        n.removeListener(this);
        node.release(n);
    }

    @Override
    public void onLookupFinished(LookupResult result) {
        counters.inc("paths_finished");
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }
}
