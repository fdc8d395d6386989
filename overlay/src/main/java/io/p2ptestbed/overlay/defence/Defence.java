package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.kademlia.KademliaNode;
import java.util.Map;

/**
 * One defence installed on one node: it hooks itself into the node (guards, routing-table policies,
 * listeners, lookup filters, switches) on {@link #install} and unhooks on {@link #uninstall}. A defence
 * instance keeps per-node state and therefore serves a single node. {@link DefenceSet} creates and
 * installs them from a spec string; custom defences may implement this interface too.
 */
public interface Defence {

    /** The spec name, as in {@link DefenceSet#parse}: {@code "rate-limit"}, {@code "ip-diversity"}... */
    String name();

    void install(KademliaNode node);

    void uninstall(KademliaNode node);

    /**
     * The defence's counters, named {@code "defence.<key>.<counter>"}. Like the node's own stats, read them
     * on the node's thread (the harness's {@code onNodeThread}); some are computed from per-node state.
     */
    Map<String, Long> counters();
}
