package io.p2ptestbed.harness.docker;

import io.p2ptestbed.harness.runtime.BroadcastProbe;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.node.control.ControlJson;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.spi.Broadcast;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Broadcasts on the container runtimes, through every node host's control interface: {@code POST /v1/publish} at
 * the origin, and {@code GET /v1/deliveries?message=...&node=all} from every node host that runs a live node, all
 * at once, for the deliveries and the {@code broadcast_sent} counters; {@code GET /v1/answers} at the origin for the
 * answers to its message (Gnutella's query hits at the querier). Each node host records its nodes'
 * deliveries itself (from the overlay's {@code Broadcast} listener, from the node's start on), with times in
 * Unix epoch milliseconds: the node's scheduler time plus its host's epoch offset. Every container of one machine
 * reads the same kernel clock, so latencies between deliveries at different nodes are exact to a millisecond;
 * on a multi-host swarm they are as good as the hosts' clock synchronisation.
 */
final class ControlledBroadcasts implements BroadcastProbe {

    private final ControlledRuntime rt;

    ControlledBroadcasts(ControlledRuntime rt) {
        this.rt = rt;
    }

    @Override
    public long publish(NodeHandle origin, byte[] payload) {
        DockerNode n = (DockerNode) origin;
        return n.control().publish(n.slot(), payload);
    }

    @Override
    public Progress progress(long messageId) {
        List<Reply> rs = poll(messageId);
        int delivered = 0;
        for (Reply r : rs) {
            delivered += Fields.list(r.node().get("deliveries"), "deliveries").size();
        }
        return new Progress(delivered, sent(rs));
    }

    @Override
    public long sent() {
        return sent(poll(0L));
    }

    @Override
    public List<Broadcast.Delivery> deliveries(long messageId) {
        List<Broadcast.Delivery> out = new ArrayList<>();
        for (Reply r : poll(messageId)) {
            for (Object o : Fields.list(r.node().get("deliveries"), "deliveries")) {
                Broadcast.Delivery d = ControlJson.toDelivery(o);
                if (d.messageId() == messageId) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** {@code GET /v1/answers?message=...} at the origin's node host. */
    @Override
    public List<Broadcast.Answer> answers(NodeHandle origin, long messageId) {
        DockerNode n = (DockerNode) origin;
        return n.control().answers(n.slot(), messageId);
    }

    /** The live nodes' {@code broadcastSent} counters, summed; -1 when none counts. */
    private static long sent(List<Reply> rs) {
        long sum = 0;
        boolean any = false;
        for (Reply r : rs) {
            if (r.dockerNode().alive() && r.node().has("broadcastSent")) {
                sum += r.node().integer("broadcastSent");
                any = true;
            }
        }
        return any ? sum : -1;
    }

    private record Reply(DockerNode dockerNode, Fields node) {}

    /** One {@code deliveries} call per node host with a live node, concurrently; hosts that do not answer are left out. */
    private List<Reply> poll(long messageId) {
        Set<NodeHostContainer> hosts = new LinkedHashSet<>();
        rt.nodes().stream().filter(DockerNode::alive).forEach(n -> hosts.add(n.host()));
        List<CompletableFuture<List<Reply>>> calls = new ArrayList<>();
        for (NodeHostContainer h : hosts) {
            calls.add(h.control().deliveries(messageId).thenApply(perSlot -> {
                List<Reply> rs = new ArrayList<>();
                for (DockerNode n : h.nodes()) {
                    if (n.slot() < perSlot.size()) {
                        rs.add(new Reply(n, perSlot.get(n.slot())));
                    }
                }
                return rs;
            }).exceptionally(unreachable -> List.of()));
        }
        List<Reply> out = new ArrayList<>();
        calls.forEach(c -> out.addAll(c.join()));
        return out;
    }
}
