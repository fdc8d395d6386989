package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.kademlia.KademliaNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The defences a {@link DefenceSet} installed on one node. Their counters are merged into the node's
 * {@code stats().snapshot()} as long as they stay installed, and are also available here.
 */
public final class InstalledDefences {

    private final KademliaNode node;
    private final List<Defence> defences;
    private final Supplier<Map<String, Long>> source = this::counters;
    private boolean installed;

    InstalledDefences(KademliaNode node, List<Defence> defences) {
        this.node = node;
        this.defences = List.copyOf(defences);
    }

    void install() {
        for (Defence d : defences) {
            d.install(node);
        }
        node.stats().addSource(source);
        installed = true;
    }

    /** Unhooks every defence (in reverse order) and stops merging their counters into the node's stats. */
    public void uninstall() {
        if (!installed) {
            return;
        }
        node.stats().removeSource(source);
        for (int i = defences.size() - 1; i >= 0; i--) {
            defences.get(i).uninstall(node);
        }
        installed = false;
    }

    public boolean isInstalled() {
        return installed;
    }

    public KademliaNode node() {
        return node;
    }

    public List<Defence> defences() {
        return defences;
    }

    /** The installed defence of this type, e.g. {@code get(Reputation.class)} to read scores. */
    public <T extends Defence> Optional<T> get(Class<T> type) {
        return defences.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** All defences' counters, {@code "defence.<key>.<counter>"}. Read on the node's thread. */
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>();
        defences.forEach(d -> all.putAll(d.counters()));
        return all;
    }
}
