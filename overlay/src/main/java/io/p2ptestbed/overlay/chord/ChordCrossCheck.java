package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code crossCheck} defence: c lookups of one key, the i-th starting at the querier's i-th closest
 * preceding node, so their paths differ from the first hop on. The owner closest clockwise to the key (the
 * first at or after it) among the answers wins. A colluder that claims to own a key it does not own names
 * itself or a fellow colluder, which sits after the true owner; any honest path names the true owner, which
 * is closer, so one honest path of c suffices. The winner is then asked for its predecessor: while that lies
 * at or after the key, it is the better owner (up to {@value #CONFIRM_STEPS} steps back). Costs c times the
 * messages of one lookup plus one or a few predecessor queries.
 */
final class ChordCrossCheck {

    private final ChordNode node;
    /** Predecessor checks after the vote. */
    static final int CONFIRM_STEPS = 4;

    private final NodeId key;
    private final List<Contact> first;
    private final int c;
    private final CompletableFuture<RouteResult> done;
    private final List<RouteResult> results = new ArrayList<>();

    ChordCrossCheck(ChordNode node, NodeId key, List<Contact> first, int c, CompletableFuture<RouteResult> done) {
        this.node = node;
        this.key = key;
        this.first = first;
        this.c = c;
        this.done = done;
    }

    void start() {
        for (int i = 0; i < c; i++) {
            List<Contact> rotated = new ArrayList<>(first.size());
            for (int j = 0; j < first.size(); j++) {
                rotated.add(first.get((i + j) % first.size()));
            }
            ChordLookup.run(node, key, rotated, this::one);
        }
    }

    private void one(RouteResult r) {
        results.add(r);
        if (results.size() < c) {
            return;
        }
        RouteResult best = null;
        int hops = 0;
        int messages = 0;
        int failures = 0;
        long start = Long.MAX_VALUE;
        long end = 0;
        boolean disagreed = false;
        for (RouteResult x : results) {
            hops = Math.max(hops, x.hops());
            messages += x.messages();
            failures += x.failures();
            start = Math.min(start, x.startMillis());
            end = Math.max(end, x.endMillis());
            if (!x.found()) {
                continue;
            }
            if (best == null) {
                best = x;
            } else if (!best.owner().id().equals(x.owner().id())) {
                disagreed = true;
                if (ChordMath.compareClockwise(key, x.owner().id(), best.owner().id()) < 0) {
                    best = x;
                }
            }
        }
        if (disagreed) {
            node.count(ChordCounter.CROSS_CHECK_DISAGREED);
        }
        if (best == null) {
            done.complete(new RouteResult(key, List.of(), hops, messages, failures, start, end));
            return;
        }
        confirm(best.reached(), CONFIRM_STEPS, hops, messages, failures, start);
    }

    /**
     * Walks back from the chosen owner o while o's predecessor p still lies in [key, o): then p, not o, is
     * the first node at or after the key. Catches a claimed owner whose own ring pointers give it away.
     */
    private void confirm(List<Contact> reached, int steps, int hops, int messages, int failures, long start) {
        Contact o = reached.get(0);
        if (steps == 0 || o.equals(node.contact())) {
            done.complete(new RouteResult(key, reached, hops, messages, failures, start, node.scheduler().nowMillis()));
            return;
        }
        node.rpc().request(o.address(), tid -> new ChordMessage.GetPredecessor(tid, node.id()), 0, reply -> {
            if (reply instanceof ChordMessage.PredecessorReply r && r.sender().equals(o.id()) && r.predecessor() != null
                    && (r.predecessor().id().equals(key) || ChordMath.between(key, r.predecessor().id(), o.id()))
                    && node.acceptable(List.of(r.predecessor())).size() == 1) {
                node.count(ChordCounter.CROSS_CHECK_DISAGREED);
                List<Contact> closer = new ArrayList<>(reached.size() + 1);
                closer.add(r.predecessor());
                closer.addAll(reached);
                confirm(closer, steps - 1, hops + 1, messages + 1, failures, start);
            } else {
                done.complete(new RouteResult(key, reached, hops, messages + 1, failures, start, node.scheduler().nowMillis()));
            }
        }, () -> done.complete(new RouteResult(key, reached, hops, messages + 1, failures + 1, start,
                node.scheduler().nowMillis())));
    }
}
