package io.p2ptestbed.harness.gnutella;

import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.workload.Broadcasts;
import io.p2ptestbed.overlay.gnutella.GnutellaNode;
import io.p2ptestbed.overlay.gnutella.GnutellaSearch;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.overlay.node.control.ControlJson;
import io.p2ptestbed.overlay.node.control.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Attackers on a Gnutella network: servents running the real Gnutella code with an attack switched on, joined
 * on the same network (simulated, or real TCP on loopback) from the attacker range 127.201.0.0 and up, each kind
 * in /24s of its own. They stay out of the runtime's honest nodes (ground truth, coverage and reach count
 * honest nodes only).
 * <ul>
 *   <li>liars: answer every query with a hit (response-storm amplification: {@code answerAll});</li>
 *   <li>TTL forgers: forward every descriptor with TTL 255 ({@code forgeTtl}), ignoring any cap of their own;</li>
 *   <li>Sybils: many identities that join many neighbour lists (a large degree, inbound slots for everyone),
 *       or all connect to one victim;</li>
 *   <li>a flooder: a servent that starts queries at a bounded rate (rate, count and time, {@link FloodBounds}).</li>
 * </ul>
 */
public final class GnutellaAttacks {

    private final LocalRuntime rt;
    private final RandomGenerator rng;
    private final List<OverlayNode> attackers = new ArrayList<>();
    private int prefixes;

    public GnutellaAttacks(LocalRuntime rt, RandomGenerator rng) {
        if (!rt.protocol().name().equals("gnutella")) {
            throw new IllegalArgumentException("these attacks speak Gnutella; the network runs " + rt.protocol().name());
        }
        this.rt = rt;
        this.rng = rng;
    }

    /** Every attacker joined so far, as contacts (for the report pictures and adversary shares). */
    public List<Contact> contacts() {
        List<Contact> out = new ArrayList<>();
        for (OverlayNode n : attackers) {
            out.add(n.contact());
        }
        return out;
    }

    /** Every attacker joined so far. */
    public List<OverlayNode> nodes() {
        return List.copyOf(attackers);
    }

    /** {@code count} servents that answer every query, joined through the bootstrap nodes. */
    public List<OverlayNode> liars(int count) {
        return join(count, Map.of("answerAll", "true"), null);
    }

    /** {@code count} relays that forward every descriptor with TTL {@code ttl} and cap nothing themselves. */
    public List<OverlayNode> ttlForgers(int count, int ttl) {
        return carried(join(count, Map.of("forgeTtl", "" + ttl, "ttlCap", "false"), null));
    }

    /** The same forgers, each opening {@code connections} connections (twice that as its degree), as {@link #sybils} do. */
    public List<OverlayNode> ttlForgers(int count, int ttl, int connections) {
        return carried(join(count, Map.of("forgeTtl", "" + ttl, "ttlCap", "false", "degree", "" + 2 * connections), null));
    }

    private List<OverlayNode> carried(List<OverlayNode> made) {
        for (OverlayNode f : made) {
            awaitCarried(f, 0, "forger");
        }
        return made;
    }

    /**
     * {@code count} Sybils, each opening {@code connections} connections to random hosts it learns (twice that as
     * its degree) and accepting every inbound connection.
     */
    public List<OverlayNode> sybils(int count, int connections) {
        return join(count, sybilParams(connections), null);
    }

    /** {@code count} Sybils that each connect to the victim only (a fixed peer list: the victim's inbound slots). */
    public List<OverlayNode> sybilsAt(int count, NodeAddress victim) {
        return join(count, sybilAtParams(), List.of(victim));
    }

    /** A Sybil's parameters over the scenario's: {@code connections} outbound (twice that as its degree), every inbound taken. */
    public static Map<String, String> sybilParams(int connections) {
        return Map.of("degree", "" + 2 * connections, "maxInbound", "10000", "hostCache", "100000");
    }

    /** A Sybil aimed at one victim: its fixed peer list is the victim alone; it takes every inbound connection. */
    public static Map<String, String> sybilAtParams() {
        return Map.of("topology", "static", "maxInbound", "10000");
    }

    /**
     * One servent that will flood queries ({@link #flood}), given 5 s to finish its handshakes, and then as long as it
     * takes (at most {@link #FLOODER_CONNECT_MILLIS}) until an honest servent routes floods on one of its connections;
     * it fails, naming why, if none does. It limits no
     * connection of its own: with the honest servents' rate limit it would drop the burst of pongs that answers its
     * join (its seed's cached pongs, then its own, last) and never open a connection.
     */
    public OverlayNode flooder() {
        OverlayNode f = join(1, Map.of("rateLimit", "0"), null).get(0);
        // The flooder's own count is not enough: a full host accepts the handshake, answers the ping with its cached
        // pongs and only then closes (a cache-only connection, Gnutella 0.4's refusal), so the flooder counts each such
        // connection until the close arrives. Its host cache fills with the old, full hosts every cache hands out, so
        // a free slot can take tens of seconds to find. Like a real flooder it waits for one: ground truth is an
        // honest servent that routes floods on the connection.
        rt.advance(5_000);
        awaitCarried(f, 5_000, "flooder");
        return f;
    }

    /**
     * Waits (at most {@link #FLOODER_CONNECT_MILLIS} in all, {@code waited} of them already passed) until an honest
     * servent routes floods on a connection to the attacker {@code f}, and fails, naming why, if none does. On the
     * simulated runtime a joined attacker is carried at once, so no time passes.
     */
    private void awaitCarried(OverlayNode f, long waited, String what) {
        while (floodCarriers(f) == 0 && waited < FLOODER_CONNECT_MILLIS) {
            rt.advance(1_000);
            waited += 1_000;
        }
        if (floodCarriers(f) == 0) {
            throw new IllegalStateException("the " + what + " at " + f.address() + " holds no connection an honest servent routes "
                    + "floods on, " + waited / 1000 + " s after its join: every one of the "
                    + f.counters().getOrDefault("handshakes", 0L) + " hosts it shook hands with was full and kept it "
                    + "cache-only; an attack from it would reach nobody and test nothing");
        }
    }

    /** How long the flooder may take to find a host with a free slot before the flood. */
    static final long FLOODER_CONNECT_MILLIS = 120_000;

    /**
     * The live honest servents that route floods on a connection to {@code f}, matched by IP: on real sockets an inbound
     * peer is named by its ephemeral port until it answers the host's ping.
     */
    private long floodCarriers(OverlayNode f) {
        return rt.nodes().stream().filter(n -> n.alive() && n.overlay() instanceof GnutellaNode)
                .filter(n -> ((GnutellaNode) n.overlay()).neighbours().stream().anyMatch(c -> c.address().ip() == f.address().ip()))
                .count();
    }

    private List<OverlayNode> join(int count, Map<String, String> attack, List<NodeAddress> seeds) {
        if (count < 1 || count > 254) {
            throw new IllegalArgumentException("attackers per group must be in [1, 254], got " + count);
        }
        Map<String, String> given = new LinkedHashMap<>(rt.scenario().protocol().asMap());
        given.putAll(attack);
        ProtocolParams p = rt.protocol().params(given);
        int prefix = prefixes++;
        List<OverlayNode> made = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            made.add(rt.bootExtra(Addresses.attacker(prefix, j, rt.labPort()), p, new SplittableRandom(rng.nextLong())));
        }
        for (OverlayNode n : made) {
            if (seeds == null) {
                rt.joinExtra(List.of(n));
            } else {
                rt.joinExtra(List.of(n), seeds);
            }
        }
        attackers.addAll(made);
        return made;
    }

    /** The longest wait for a flooded network to go quiet after the flood. */
    static final long SETTLE_MAX_MILLIS = 60_000;

    /**
     * What a query flood cost the honest network.
     *
     * @param sent          queries the flooder started
     * @param meanReach     honest nodes each flood query reached, on average
     * @param honestCopies  query copies the honest nodes sent while it lasted (and until the network was quiet)
     * @param rateLimited   descriptors the honest nodes' per-connection limits dropped
     * @param honestNodes   the live honest nodes the flood could reach (the flooder is not one of them)
     */
    public record FloodOutcome(long sent, double meanReach, long honestCopies, long rateLimited, int honestNodes) {
        public double copiesPerQuery() {
            return sent == 0 ? 0 : (double) honestCopies / sent;
        }

        /** The mean share of the honest nodes each flood query reached. */
        public double reachShare() {
            return honestNodes == 0 ? 0 : meanReach / honestNodes;
        }

        @Override
        public String toString() {
            return String.format("flood of %d queries: each reached %.1f of %d honest nodes on average; the honest nodes sent %d "
                    + "query copies (%.1f per flood query) and rate-limited %d descriptors", sent, meanReach, honestNodes,
                    honestCopies, copiesPerQuery(), rateLimited);
        }
    }

    /**
     * The flooder starts queries for random strings at {@code bounds}' rate until its count or duration runs out
     * ({@link GnutellaSearch#flood}, on its own scheduler), then the network runs until its query traffic has
     * stopped for {@code settleMillis} (at most a minute); every honest node's deliveries are recorded.
     */
    public FloodOutcome flood(OverlayNode flooder, FloodBounds bounds, int ttl, io.p2ptestbed.harness.runtime.BroadcastProbe recorder, long settleMillis) {
        long copiesBefore = GnutellaQueries.total(rt, Broadcasts.SENT_COUNTER);
        long limitedBefore = GnutellaQueries.total(rt, "rateLimited");
        GnutellaSearch search = flooder.require(GnutellaSearch.class, "gnutella queries");
        CompletableFuture<List<Long>> started = new CompletableFuture<>();
        flooder.scheduler().execute(() -> {
            try {
                started.complete(search.flood(bounds.ratePerSecond(), bounds.durationMillis(), ttl));
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        rt.advance(bounds.durationMillis());
        Broadcasts.settle(rt, () -> GnutellaQueries.total(rt, Broadcasts.SENT_COUNTER), settleMillis, SETTLE_MAX_MILLIS);
        List<Long> ids = started.join();
        double reach = 0;
        for (long id : ids) {
            reach += recorder.deliveries(id).size();
            recorder.forget(id);
        }
        return new FloodOutcome(ids.size(), ids.isEmpty() ? 0 : reach / ids.size(),
                GnutellaQueries.total(rt, Broadcasts.SENT_COUNTER) - copiesBefore,
                GnutellaQueries.total(rt, "rateLimited") - limitedBefore, rt.liveNodes().size());
    }

    /**
     * Switches servents of a container network to a malicious mode through their control interfaces
     * ({@code POST /v1/malice}): {@code answer-all} (the storm amplifier) or {@code flood:RATE:MILLIS:TTL}.
     */
    public static void turnMalicious(List<DockerNode> servents, String mode) {
        for (DockerNode n : servents) {
            n.control().call("POST", "malice", n.slot(), Map.of("mode", mode));
        }
    }

    /**
     * The same bounded query flood in containers: node {@code flooder} of the network (a servent in its own
     * container, speaking Gnutella from its own TCP socket) is switched to {@code flood:RATE:MILLIS:TTL} through its
     * control interface ({@code POST /v1/malice}); after the flood, once their query traffic has stopped for {@code settleMillis}, the other live
     * nodes' recorded deliveries of the flooder's queries (named by the origin in each descriptor id) give the
     * reach, and their counters the copies and the descriptors their rate limits dropped.
     */
    public static FloodOutcome floodFromNode(ControlledRuntime rt, DockerNode flooder, FloodBounds bounds, int ttl,
                                             long settleMillis) {
        List<DockerNode> honest = rt.nodes().stream().filter(n -> n.alive() && n != flooder).toList();
        long copiesBefore = GnutellaQueries.total(honest, Broadcasts.SENT_COUNTER);
        long limitedBefore = GnutellaQueries.total(honest, "rateLimited");
        long sentBefore = flooder.stats().getOrDefault("flood.sent", 0L);
        turnMalicious(List.of(flooder), "flood:" + bounds.ratePerSecond() + ":" + bounds.durationMillis() + ":" + ttl);
        rt.advance(bounds.durationMillis());
        Broadcasts.settle(rt, () -> GnutellaQueries.total(honest, Broadcasts.SENT_COUNTER), settleMillis, SETTLE_MAX_MILLIS);
        long sent = flooder.stats().getOrDefault("flood.sent", 0L) - sentBefore;
        long delivered = 0;
        NodeId origin = GnutellaNode.originId(flooder.address());
        Set<io.p2ptestbed.harness.docker.NodeHostContainer> hosts = new LinkedHashSet<>();
        honest.forEach(n -> hosts.add(n.host()));
        for (io.p2ptestbed.harness.docker.NodeHostContainer h : hosts) {
            List<Fields> perSlot = h.control().allDeliveries().join();
            for (DockerNode n : h.nodes()) {
                if (!honest.contains(n) || n.slot() >= perSlot.size()) {
                    continue;
                }
                for (Object o : Fields.list(perSlot.get(n.slot()).get("deliveries"), "deliveries")) {
                    if (ControlJson.toDelivery(o).origin().equals(origin)) {
                        delivered++;
                    }
                }
            }
        }
        return new FloodOutcome(sent, sent == 0 ? 0 : (double) delivered / sent,
                GnutellaQueries.total(honest, Broadcasts.SENT_COUNTER) - copiesBefore,
                GnutellaQueries.total(honest, "rateLimited") - limitedBefore, honest.size());
    }
}
