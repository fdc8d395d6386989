package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryMessage.*;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.time.Cancellable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Recursive routing and the join (Rowstron and Druschel, sections 2.2 and 2.4). A route travels hop by
 * hop; each hop acknowledges it, and a hop that does not is taken for dead, dropped from the state, and
 * the route goes to the next best node. The node where the route ends answers the origin with itself and
 * its leaf set. A join is a route to the joining node's own id: every hop sends the newcomer its state
 * (the i-th hop row i up to the rows it shares with the newcomer, the first hop its neighbourhood set,
 * the last its leaf set); the newcomer then announces itself to every node it learned.
 */
final class PastryRouter {

    /** Join attempts over the seeds before the join fails. */
    static final int JOIN_ATTEMPTS = 5;
    /** Next hops tried for one route at one node before it is dropped. */
    static final int FAILOVERS = 4;

    private record Pending(NodeId key, CompletableFuture<RouteResult> result, long start, Cancellable timer,
                           boolean join) {}

    private final PastryNode node;
    private final Map<Integer, Pending> routes = new HashMap<>();
    /**
     * Every node the join under way has heard of (the rows, neighbourhood set and leaf set the hops sent, the
     * replica set of the answer), in the order learned: the nodes it announces itself to, whose round-trip
     * times its pings measure. Null when no join is under way.
     */
    private LinkedHashSet<Contact> joinLearned;

    PastryRouter(PastryNode node) {
        this.node = node;
    }

    void clear() {
        for (Pending p : routes.values()) {
            p.timer().cancel();
        }
        routes.clear();
        joinLearned = null;
    }

    /** Starts a route at this node (the origin), plain, tested or redundant (Castro et al. 2002, both variants). */
    void route(NodeId key, PastryConfig.SecureRouting mode, CompletableFuture<RouteResult> out) {
        switch (mode) {
            case OFF -> route(key, out);
            case REDUNDANT -> anycast(key, node.scheduler().nowMillis(), 0, out);
            case LEAFSET -> redundant(key, node.scheduler().nowMillis(), 0, out);
            case TEST -> tested(key, true, out);
            case TEST_LEAFSET -> tested(key, false, out);
        }
    }

    /**
     * Castro et al.'s secure routing primitive: a plain route, then the routing failure test on its answer; when the
     * answer fails it (or names an uncertified contact, or the route times out), redundant routing: the neighbour-set
     * anycast ({@code secureRouting=test}, the paper's) or the leaf-set variant ({@code test-leafset}).
     */
    private void tested(NodeId key, boolean anycast, CompletableFuture<RouteResult> out) {
        long start = node.scheduler().nowMillis();
        CompletableFuture<RouteResult> plain = new CompletableFuture<>();
        route(key, plain);
        plain.thenAccept(r -> {
            if (r.found() && r.reached().stream().allMatch(node::acceptable)
                    && PastrySecurity.passes(node.state(), key, r.reached(), node.config().gamma())) {
                out.complete(r);
            } else {
                node.count(PastryCounter.FAILURE_TEST_FAILED);
                if (anycast) {
                    anycast(key, start, r.messages(), out);
                } else {
                    redundant(key, start, r.messages(), out);
                }
            }
        });
    }

    /**
     * Redundant routing by Castro et al.'s neighbour-set anycast ({@link PastryAnycast}): a secure anycast copy through
     * every member of the leaf set, then rounds of asking the candidate replica roots for their leaf sets.
     */
    private void anycast(NodeId key, long start, int messagesBefore, CompletableFuture<RouteResult> out) {
        List<CompletableFuture<RouteResult>> copies = copies(key, start, true, out);
        if (copies != null) {
            new PastryAnycast(node, key, start, messagesBefore, out).gather(copies);
        }
    }

    /**
     * Starts a redundant route: a secure copy to {@code key} through each member of the leaf set; the futures of their
     * answers. With an empty leaf set the route goes plainly to {@code out} instead, and the answer is null.
     */
    private List<CompletableFuture<RouteResult>> copies(NodeId key, long start, boolean anycast,
                                                        CompletableFuture<RouteResult> out) {
        node.count(PastryCounter.REDUNDANT_ROUTES);
        List<Contact> via = node.state().leafSet();
        if (via.isEmpty()) {
            route(key, out);
            return null;
        }
        List<CompletableFuture<RouteResult>> copies = new ArrayList<>(via.size());
        for (Contact c : via) {
            CompletableFuture<RouteResult> copy = new CompletableFuture<>();
            copies.add(copy);
            int originTid = register(key, copy, start, false);
            forward(new Route(0, node.id(), key, node.contact(), originTid, 1, false, true, anycast),
                    new PastryState.Hop(c, false), FAILOVERS);
        }
        return copies;
    }

    /**
     * Redundant routing through the leaf set ({@code secureRouting=leafset}, and {@code test-leafset}'s fallback):
     * a secure copy of the route goes through every member of the leaf set, each hop forwarding it with its
     * constrained routing table; every copy's end answers with itself and its leaf set. The result is the union of
     * the answers, closest to the key first, cut to 1 + |L|: with certified ids a colluder can name only real
     * (colluding) nodes, so one copy that reaches the true root brings the true closest nodes. Not the paper's
     * mechanism (that is {@link #anycast}): a key whose root is a colluder is lost, as every copy ends at the root.
     */
    private void redundant(NodeId key, long start, int messagesBefore, CompletableFuture<RouteResult> out) {
        List<CompletableFuture<RouteResult>> copies = copies(key, start, false, out);
        if (copies == null) {
            return;
        }
        CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<Contact> union = new ArrayList<>();
            int hops = 0;
            int messages = messagesBefore;
            int failures = 0;
            for (CompletableFuture<RouteResult> f : copies) {
                RouteResult r = f.join();
                hops = Math.max(hops, r.hops() + 1);
                messages += r.messages() + 1;
                failures += r.found() ? 0 : 1;
                for (Contact c : r.reached()) {
                    if (node.acceptable(c) && !union.contains(c)) {
                        union.add(c);
                    }
                }
            }
            union.sort((x, y) -> PastryIds.compareDistance(key, x.id(), y.id()));
            int keep = Math.min(union.size(), 1 + node.config().leafSet());
            out.complete(new RouteResult(key, union.subList(0, keep), hops, messages, failures, start,
                    node.scheduler().nowMillis()));
        });
    }

    /** Starts a plain route at this node (the origin). */
    void route(NodeId key, CompletableFuture<RouteResult> out) {
        node.count(PastryCounter.ROUTES);
        long start = node.scheduler().nowMillis();
        PastryState.Hop hop = node.state().nextHop(key, null);
        if (hop.next().equals(node.contact())) {
            out.complete(new RouteResult(key, node.state().closestKnown(key, 1 + node.config().leafSet()), 0, 0, 0,
                    start, start));
            return;
        }
        int originTid = register(key, out, start, false);
        forward(new Route(0, node.id(), key, node.contact(), originTid, 1, false), hop, 0);
    }

    private int register(NodeId key, CompletableFuture<RouteResult> out, long start, boolean join) {
        int originTid = node.rpc().newTid();
        Cancellable timer = node.schedule(node.config().routeTimeoutMillis(), () -> {
            Pending p = routes.remove(originTid);
            if (p != null) {
                node.count(p.join() ? PastryCounter.JOIN_FAILURES : PastryCounter.ROUTES_FAILED);
                p.result().complete(new RouteResult(key, List.of(), 0, 0, 1, p.start(), node.scheduler().nowMillis()));
            }
        });
        routes.put(originTid, new Pending(key, out, start, timer, join));
        return originTid;
    }

    /** Sends the route to the chosen hop; without its acknowledgement, drops the hop and tries the next. */
    private void forward(Route r, PastryState.Hop hop, int failovers) {
        if (hop.rare()) {
            node.count(PastryCounter.RARE_CASE);
        }
        Contact next = hop.next();
        if (next.equals(node.contact())) {
            deliver(r);
            return;
        }
        node.count(PastryCounter.FORWARDED);
        Route out = new Route(node.rpc().newTid(), node.id(), r.key(), r.origin(), r.originTid(), r.hops(), r.join(),
                r.secure(), r.anycast());
        node.rpc().request(next.address(), out, reply -> { }, () -> {
            node.count(PastryCounter.HOP_FAILED);
            node.failed(next);
            if (failovers < FAILOVERS) {
                forward(r, hop(r), failovers + 1);
            } else {
                node.count(PastryCounter.ROUTES_FAILED);
            }
        });
    }

    private static NodeId avoid(Route r) {
        return r.join() ? r.origin().id() : null;
    }

    /** The next hop for a route here: from the constrained table for a secure copy. */
    private PastryState.Hop hop(Route r) {
        return r.secure() ? node.state().nextHopSecure(r.key(), avoid(r)) : node.state().nextHop(r.key(), avoid(r));
    }

    /**
     * A route arrived here: send a newcomer its state, then forward the route or end it here. An anycast copy ends at
     * the first node whose leaf set holds the key's root (the key within its leaf set's range).
     */
    void onRoute(Route r) {
        if (r.anycast() && node.state().inLeafRange(r.key())) {
            deliver(r);
            return;
        }
        PastryState.Hop hop = hop(r);
        boolean last = hop.next().equals(node.contact());
        if (r.join()) {
            sendJoinState(r, last);
        }
        if (!last && r.hops() >= PastryCodec.MAX_HOPS) {
            node.count(PastryCounter.ROUTES_FAILED);
            return;
        }
        forward(new Route(0, node.id(), r.key(), r.origin(), r.originTid(), last ? r.hops() : r.hops() + 1, r.join(),
                r.secure(), r.anycast()), hop, 0);
    }

    private void sendJoinState(Route r, boolean last) {
        PastryState s = node.state();
        NodeAddress to = r.origin().address();
        int shared = Math.min(PastryIds.sharedDigits(node.id(), r.key(), node.config().b()), node.config().rows() - 1);
        for (int row = Math.min(r.hops() - 1, shared); row <= shared; row++) {
            List<Contact> entries = s.row(row);
            if (!entries.isEmpty()) {
                node.rpc().send(to, new State(r.originTid(), node.id(), Kind.ROW, row, entries));
            }
        }
        if (r.hops() == 1 && !s.neighbourhood().isEmpty()) {
            node.rpc().send(to, new State(r.originTid(), node.id(), Kind.NEIGHBOURHOOD, 0, s.neighbourhood()));
        }
        if (last) {
            List<Contact> leaves = new ArrayList<>(s.leafSet());
            leaves.remove(r.origin());
            node.rpc().send(to, new State(r.originTid(), node.id(), Kind.LEAF_SET, 0, leaves));
        }
    }

    /** The route ends here: answer its origin with this node and its leaf set, closest to the key first. */
    private void deliver(Route r) {
        node.count(PastryCounter.DELIVERED);
        List<Contact> reached = new ArrayList<>(node.state().closestKnown(r.key(), 1 + node.config().leafSet()));
        if (r.join()) {
            reached.remove(r.origin());
        }
        int hops = Math.min(r.hops(), PastryCodec.MAX_HOPS);
        Routed answer = new Routed(r.originTid(), node.id(), hops, reached.subList(0, Math.min(reached.size(), PastryConfig.MAX_SET)));
        if (r.origin().equals(node.contact())) {
            onRouted(answer, node.contact());
        } else {
            node.rpc().send(r.origin().address(), answer);
        }
    }

    /** The owner's answer to a route this node started. */
    void onRouted(Routed r, Contact from) {
        Pending p = routes.remove(r.tid());
        if (p == null) {
            node.count(PastryCounter.UNMATCHED_REPLIES);
            return;
        }
        p.timer().cancel();
        if (!from.equals(node.contact())) {
            node.offer(from, true, false);
        }
        for (Contact c : r.reached()) {
            node.offer(c, false, false);
        }
        List<Contact> reached = r.reached();
        if (p.join()) {
            if (joinLearned != null) {
                joinLearned.add(from);
                joinLearned.addAll(reached);
            }
            announce();
        }
        p.result().complete(new RouteResult(p.key(), reached, r.hops(), r.hops() + 1, 0, p.start(),
                node.scheduler().nowMillis()));
    }

    /** State a hop of this node's join route sent; false when no join of that tid is under way. */
    boolean onJoinState(State s) {
        Pending p = routes.get(s.tid());
        if (p == null || !p.join()) {
            return false;
        }
        for (Contact c : s.contacts()) {
            node.offer(c, false, false);
            if (joinLearned != null) {
                joinLearned.add(c);
            }
        }
        return true;
    }

    /**
     * The join's end (Rowstron and Druschel, section 2.4): the newcomer tells every node it learned on the way that
     * it exists, with one ping each. Each pong measures that node's round-trip time, so the newcomer then chooses
     * among the candidates for each routing-table slot and for its neighbourhood set by proximity (section 2.5), and
     * each pinged node takes the newcomer into its own state (probing it once when its RTT would decide its place).
     * The leaf sets the pongs carry are taken in without probes: proximity is measured for the nodes the join
     * considered, not recursively for everything their answers name. O(log N) messages along the join route, plus
     * one ping per node learned (about (2^b - 1) log_{2^b} N + |L| + |M|).
     */
    private void announce() {
        LinkedHashSet<Contact> targets = joinLearned == null ? new LinkedHashSet<>() : joinLearned;
        joinLearned = null;
        targets.addAll(node.state().all());
        for (Contact c : targets) {
            if (!c.equals(node.contact())) {
                node.ping(c);
            }
        }
    }

    /** Routes a join message to this node's id through the seeds in turn, from a random one. */
    void join(List<NodeAddress> seeds, CompletableFuture<Void> done) {
        joinLearned = new LinkedHashSet<>();
        join(seeds, node.rng().nextInt(seeds.size()), 0, done);
    }

    private void join(List<NodeAddress> seeds, int first, int attempt, CompletableFuture<Void> done) {
        if (!node.isRunning()) {
            done.completeExceptionally(new IllegalStateException(node + " was stopped while joining"));
            return;
        }
        node.count(PastryCounter.JOINS);
        NodeAddress seed = seeds.get((first + attempt) % seeds.size());
        CompletableFuture<RouteResult> routed = new CompletableFuture<>();
        int originTid = register(node.id(), routed, node.scheduler().nowMillis(), true);
        Route r = new Route(node.rpc().newTid(), node.id(), node.id(), node.contact(), originTid, 1, true);
        node.rpc().request(seed, r, reply -> { }, () -> { });
        routed.whenComplete((res, e) -> {
            if (res != null && res.found()) {
                done.complete(null);
            } else if (attempt + 1 < JOIN_ATTEMPTS) {
                join(seeds, first, attempt + 1, done);
            } else {
                done.completeExceptionally(new IllegalStateException(node + " could not join through " + seeds
                        + " in " + JOIN_ATTEMPTS + " attempts"));
            }
        });
    }
}
