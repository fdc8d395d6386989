package io.p2ptestbed.harness.gnutella;

import io.p2ptestbed.harness.docker.AttackerHosts;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.docker.LabGuardedStreams;
import io.p2ptestbed.harness.docker.SubnetPlan;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Gnutella's Sybils in containers: servents running the real Gnutella 0.4 code ({@code GnutellaNode}, the same
 * parameters as {@link GnutellaAttacks#sybils} and {@link GnutellaAttacks#sybilsAt} give them on the in-JVM runtimes)
 * in the harness, on the attackers' scheduler, each with a TCP stream endpoint of its own address in the attacker
 * container of pool 0 ({@code AttackerHosts.openStreams}): one /24 of the lab network that no honest container has,
 * hosts .1 up ({@link #addresses}). Their connections leave that container from their own addresses, and every connect
 * passes the harness' lab guard first ({@link LabGuardedStreams}). They stay out of the runtime's nodes.
 */
public final class DockerGnutellaSybils {

    /** The port every Sybil listens on (the honest servents' first port). */
    static final int SYBIL_PORT = DockerRuntime.NODE_PORT;
    /** Hosts .1 to .199 of attacker pool 0: below its attacker node containers (.200 up) and its socket host (.254). */
    static final int MAX_HOST = 199;
    /** How long the Sybils' joins may take, all together. */
    static final long JOIN_TIMEOUT_SECONDS = 120;

    private final DockerRuntime rt;
    private final RandomGenerator rng;
    private final List<OverlayNode> sybils = new ArrayList<>();

    public DockerGnutellaSybils(DockerRuntime rt, RandomGenerator rng) {
        if (!rt.scenario().protocolName().equals("gnutella")) {
            throw new IllegalArgumentException("these Sybils speak Gnutella; the network runs " + rt.scenario().protocolName());
        }
        this.rt = rt;
        this.rng = rng;
    }

    /**
     * The addresses of Sybils {@code first} to {@code first + count - 1} on {@code port}: hosts {@code first + 1} up of
     * attacker pool 0, so all of them in that one /24; refused when they would run past host .{@value #MAX_HOST}.
     */
    public static List<NodeAddress> addresses(SubnetPlan plan, int first, int count, int port) {
        if (first < 0 || count < 1 || first + count > MAX_HOST) {
            throw new IllegalArgumentException("Gnutella Sybils in containers take hosts .1 to ." + MAX_HOST + " of the attacker /24 "
                    + plan.attackerPool(0) + ": " + first + " are placed, " + count + " more do not fit");
        }
        List<NodeAddress> out = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            out.add(new NodeAddress(plan.attackPoolIp(0, first + j + 1), port));
        }
        return out;
    }

    /** {@code count} Sybils, each opening {@code connections} connections and accepting every inbound one. */
    public List<OverlayNode> sybils(int count, int connections) {
        return join(count, GnutellaAttacks.sybilParams(connections), bootstrap());
    }

    /** {@code count} Sybils that connect to the victim only (a fixed peer list). */
    public List<OverlayNode> sybilsAt(int count, NodeAddress victim) {
        return join(count, GnutellaAttacks.sybilAtParams(), List.of(victim));
    }

    /** Every Sybil started so far, as contacts. */
    public List<Contact> contacts() {
        return sybils.stream().map(OverlayNode::contact).toList();
    }

    /** The Sybils' counters summed (read on the attackers' scheduler): handshakes, connections, refusals. */
    public Map<String, Long> counters() {
        return rt.attackers().counters(sybils);
    }

    private List<NodeAddress> bootstrap() {
        return rt.nodes().subList(0, rt.scenario().bootstrapNodes()).stream().map(DockerNode::address).toList();
    }

    private List<OverlayNode> join(int count, Map<String, String> attack, List<NodeAddress> seeds) {
        OverlayProtocol protocol = rt.scenario().overlay();
        Map<String, String> given = new LinkedHashMap<>(rt.scenario().protocol().asMap());
        given.putAll(attack);
        ProtocolParams p = protocol.params(given);
        protocol.validate(p);
        AttackerHosts hosts = rt.attackers();
        List<NodeAddress> at = addresses(rt.plan(), sybils.size(), count, SYBIL_PORT);
        hosts.bindAll(at); // every address on the attacker container's interface in one go
        List<OverlayNode> made = new ArrayList<>();
        for (NodeAddress a : at) {
            LabGuardedStreams streams = new LabGuardedStreams(hosts.openStreams(a, StreamLimits.DEFAULT), hosts.guard());
            made.add(protocol.create(new NodeContext(protocol.idFor(a, rng, p), null, hosts.scheduler(), new SplittableRandom(rng.nextLong()), p, streams)));
        }
        sybils.addAll(made);
        try {
            CompletableFuture.runAsync(() -> made.forEach(OverlayNode::start), hosts.scheduler()::execute).get(30, TimeUnit.SECONDS);
            CompletableFuture.allOf(made.stream().map(n -> n.join(seeds)).toArray(CompletableFuture[]::new))
                    .get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the " + count + " Gnutella Sybils at " + at.get(0) + " .. " + at.get(at.size() - 1)
                    + " did not start and join within " + JOIN_TIMEOUT_SECONDS + " s: " + e, e);
        }
        return made;
    }
}
