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
 * is closer, so one honest path of c suffices. Costs c times the messages of one lookup.
 */
final class ChordCrossCheck {

    private final ChordNode node;
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
        List<Contact> reached = best == null ? List.of() : best.reached();
        done.complete(new RouteResult(key, reached, hops, messages, failures, start, end));
    }
}
