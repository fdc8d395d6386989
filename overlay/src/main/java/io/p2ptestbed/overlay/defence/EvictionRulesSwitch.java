package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.util.Map;

/**
 * Applies {@link EvictionRules} to a node ({@link KademliaNode#setEvictionRules}); uninstalling restores
 * the node's previous rules. Counters ({@code defence.eviction.*}): {@code ping_before_evict} and
 * {@code prefer_old_contacts} (1 = on).
 */
public final class EvictionRulesSwitch implements Defence {

    private final EvictionRules rules;
    private final Counters counters = new Counters("eviction");
    private final SingleNode node = new SingleNode();
    private NodeConfig previous;

    public EvictionRulesSwitch(EvictionRules rules) {
        this.rules = rules;
        counters.set("ping_before_evict", rules.pingBeforeEvict() ? 1 : 0);
        counters.set("prefer_old_contacts", rules.preferOldContacts() ? 1 : 0);
    }

    @Override
    public String name() {
        return rules.toSpec();
    }

    @Override
    public void install(KademliaNode n) {
        node.bind(n, name());
        previous = n.config();
        n.setEvictionRules(rules.pingBeforeEvict(), rules.preferOldContacts());
    }

    @Override
    public void uninstall(KademliaNode n) {
        n.setEvictionRules(previous.pingBeforeEvict(), previous.preferOldContacts());
        node.release(n);
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }
}
