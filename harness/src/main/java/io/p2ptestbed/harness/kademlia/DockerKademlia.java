package io.p2ptestbed.harness.kademlia;

import io.p2ptestbed.harness.docker.ControlClient;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.node.control.ControlJson;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Kademlia's operations on the docker runtime, through each node host's control interface: find_node and
 * get_peers lookups ({@code POST /v1/lookups}, in the runtime's waves), announces, the routing table and the
 * modelled service capacity. {@link KademliaRuntime#of} returns one for the docker and swarm runtimes ({@link ControlledRuntime}).
 */
public final class DockerKademlia implements KademliaRuntime {

    private final ControlledRuntime runtime;

    public DockerKademlia(ControlledRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<LookupResult> lookups(List<LookupRequest> requests) {
        requireKademlia("Kademlia lookups (find_node/get_peers); use routes()");
        return runtime.perNode(requests, LookupRequest::from, (n, rs) -> lookups(n.control(), n.slot(),
                rs.stream().map(LookupRequest::target).toList(), rs.stream().map(LookupRequest::kind).toList()));
    }

    @Override
    public AnnounceResult announce(NodeHandle from, NodeId infoHash, int port) {
        requireKademlia("announce (BEP 5 announce_peer)");
        DockerNode n = (DockerNode) from;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("infoHash", infoHash.toHex());
        body.put("port", port);
        try {
            return ControlJson.toAnnounceResult(n.control().call("POST", "announce", n.slot(), body).map());
        } catch (ControlClient.ControlException e) {
            return null;
        }
    }

    private void requireKademlia(String what) {
        if (!KademliaScenarios.isKademlia(runtime.scenario())) {
            throw new UnsupportedCapabilityException("the " + runtime.scenario().protocolName() + " overlay does not support " + what);
        }
    }

    /** Runs the lookups concurrently on node {@code node} of a host; result i answers target i. */
    public static CompletableFuture<List<LookupResult>> lookups(ControlClient control, int node, List<NodeId> targets,
                                                                List<LookupKind> kinds) {
        List<Object> reqs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            reqs.add(ControlJson.lookupRequest(targets.get(i), kinds.get(i)));
        }
        return control.callAsync("POST", "lookups", node, Map.of("lookups", reqs)).thenApply(f -> {
            List<LookupResult> out = new ArrayList<>();
            for (Object o : Fields.list(f.get("results"), "results")) {
                out.add(ControlJson.toLookupResult(o));
            }
            return out;
        });
    }

    /** The routing table of Kademlia node {@code node} of a host. */
    public static List<Contact> table(ControlClient control, int node) {
        return ControlJson.toContacts(control.call("GET", "table", node, null).get("contacts"), "contacts");
    }

    /** Installs the modelled service capacity (queries per second, accounted per window) on a Kademlia node. */
    public static void setCapacity(ControlClient control, int node, int perSecond, long windowMillis) {
        control.call("POST", "capacity", node, Map.of("perSecond", perSecond, "windowMillis", windowMillis));
    }

    /** The queries node {@code node}'s modelled service capacity shed so far (0 without one). */
    public static long capacityShed(ControlClient control, int node) {
        Fields f = control.call("GET", "capacity", node, null);
        return f.bool("installed", false) ? f.integer("shed") : 0;
    }
}
