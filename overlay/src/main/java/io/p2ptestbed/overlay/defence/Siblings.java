package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.kademlia.KademliaNode;
import java.util.Map;

/**
 * Sizes the node's sibling list; uninstalling restores the previous size. Counters
 * ({@code defence.siblings.*}): {@code capacity} and {@code size} (siblings currently known).
 */
public final class Siblings implements Defence {

    private final SiblingsConfig config;
    private final Counters counters = new Counters("siblings");
    private final SingleNode node = new SingleNode();
    private int previous;

    public Siblings(SiblingsConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return SiblingsConfig.NAME;
    }

    @Override
    public void install(KademliaNode n) {
        node.bind(n, name());
        previous = n.siblingList().capacity();
        if (config.size() < n.config().k()) {
            throw new IllegalArgumentException("S/Kademlia needs s >= k: s=" + config.size() + ", k=" + n.config().k());
        }
        n.setSiblingListSize(config.size());
    }

    @Override
    public void uninstall(KademliaNode n) {
        n.setSiblingListSize(previous);
        node.release(n);
    }

    @Override
    public Map<String, Long> counters() {
        KademliaNode n = node.get();
        counters.set("capacity", config.size());
        counters.set("size", n == null ? 0 : n.siblingList().size());
        return counters.snapshot();
    }
}
