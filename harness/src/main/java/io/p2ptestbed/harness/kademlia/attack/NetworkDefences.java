package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.harness.kademlia.LocalKademlia;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.defence.Bep42Config;
import io.p2ptestbed.overlay.defence.Defence;
import io.p2ptestbed.overlay.defence.DefenceSet;
import io.p2ptestbed.overlay.defence.InstalledDefences;
import io.p2ptestbed.overlay.defence.PuzzleConfig;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DefenceSet} on every honest node of a network. {@link #prepare} must run before the network
 * starts: it registers a node setup so every node (including restarted and newly joined ones) gets its
 * own fresh defence instances, and, when the set has {@code bep42} or {@code puzzle}, makes honest ids
 * with {@link DefenceSet#newIdentity} (BEP 42-bound to the node's address, or a solved puzzle whose
 * proof goes into the set's registry) from the runtime's seeded id stream.
 */
public final class NetworkDefences {

    private final DefenceSet set;
    private final Map<KademliaNode, InstalledDefences> installed = new ConcurrentHashMap<>();

    public NetworkDefences(DefenceSet set) {
        this.set = set;
    }

    public DefenceSet set() {
        return set;
    }

    /** Hooks the set into a runtime that has not started yet. */
    public void prepare(NetworkRuntime rt) {
        LocalRuntime local = local(rt);
        if (set.has(Bep42Config.NAME) || set.has(PuzzleConfig.NAME)) {
            local.setIdentityFactory(set::newIdentity);
        }
        LocalKademlia.addNodeSetup(local, node -> installed.put(node, set.install(node)));
    }

    /** The defences installed on a node, e.g. to read its reputation scores. */
    public Optional<InstalledDefences> on(NodeHandle n) {
        if (!(n instanceof LocalNode)) {
            throw new UnsupportedOperationException("the defences installed on " + n + " live in its own process; they "
                    + "are read in-JVM (simulated and loopback runtimes) only, while its counters (defence.*) are read on "
                    + "every runtime");
        }
        KademliaNode node = LocalKademlia.node(n);
        return node == null ? Optional.empty() : Optional.ofNullable(installed.get(node));
    }

    /** The installed defence of this type on node {@code n}. */
    public <T extends Defence> Optional<T> get(NodeHandle n, Class<T> type) {
        return on(n).flatMap(d -> d.get(type));
    }

    static LocalRuntime local(NetworkRuntime rt) {
        if (rt instanceof LocalRuntime l) {
            return l;
        }
        throw new UnsupportedOperationException("defences are installed on in-JVM runtimes (simulated, loopback), not on "
                + rt.kind().label());
    }

    @Override
    public String toString() {
        return set.toString();
    }
}
