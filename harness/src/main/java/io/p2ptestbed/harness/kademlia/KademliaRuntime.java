package io.p2ptestbed.harness.kademlia;

import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.List;

/**
 * Kademlia's operations on a running network, beyond the neutral {@link NetworkRuntime}: find_node and
 * get_peers lookups with their full results, and BEP 5 announces. Obtain it with {@link #of}.
 */
public interface KademliaRuntime {

    /** Runs the lookups concurrently; result i answers request i (null when the node was dead). */
    List<LookupResult> lookups(List<LookupRequest> requests);

    default LookupResult lookup(NodeHandle from, NodeId target) {
        return lookups(List.of(LookupRequest.findNode(from, target))).get(0);
    }

    AnnounceResult announce(NodeHandle from, NodeId infoHash, int port);

    /**
     * The Kademlia operations of a runtime: the runtime itself when it offers them, an adapter for the
     * in-JVM runtimes and for docker and swarm. Other runtimes are refused with a message naming them.
     */
    static KademliaRuntime of(NetworkRuntime rt) {
        if (rt instanceof KademliaRuntime k) {
            return k;
        }
        if (rt instanceof io.p2ptestbed.harness.docker.ControlledRuntime d) {
            return new DockerKademlia(d);
        }
        if (rt instanceof LocalRuntime l) {
            return new LocalKademlia(l);
        }
        throw new UnsupportedCapabilityException("the " + rt.kind().label() + " runtime offers no Kademlia lookups");
    }
}
