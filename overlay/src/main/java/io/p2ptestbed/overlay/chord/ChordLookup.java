package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.chord.ChordMessage.FindSuccessor;
import io.p2ptestbed.overlay.chord.ChordMessage.FindSuccessorReply;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One iterative lookup (KeyRouting.Style.ITERATIVE): the querier asks one node at a time for the key's
 * successor. A node that does not own the key answers with its closest preceding nodes of the key, best
 * first, and the querier asks the first of them next; a node whose successor owns the key answers "done"
 * with its successor list. Hops are the nodes that answered on the path.
 *
 * <p>Robustness: a node that times out is dropped from the querier's table and the next candidate of the
 * same answer is tried; when an answer's candidates are all gone the lookup backs up to the answer before.
 * Every suggested next hop must lie strictly between the node that suggested it and the key, so each hop
 * makes progress and a liar cannot send the lookup in circles; at most {@value #MAX_QUERIES} requests.
 */
final class ChordLookup {

    static final int MAX_QUERIES = 64;
    static final int CANDIDATES = 4;

    /** One answer's candidates, and which of them is being tried. */
    private static final class Step {
        final List<Contact> candidates;
        int next;

        Step(List<Contact> candidates) {
            this.candidates = candidates;
        }
    }

    private final ChordNode node;
    private final NodeId key;
    private final Consumer<RouteResult> done;
    private final long start;
    private final ArrayDeque<Step> path = new ArrayDeque<>();
    private int hops;
    private int messages;
    private int failures;
    private boolean finished;

    private ChordLookup(ChordNode node, NodeId key, Consumer<RouteResult> done) {
        this.node = node;
        this.key = key;
        this.done = done;
        this.start = node.scheduler().nowMillis();
    }

    /**
     * Looks the key up starting from {@code first} (the querier's own closest preceding nodes, rotated for a
     * cross-check), or from the seeds (contacts with a null id) when joining.
     */
    static void run(ChordNode node, NodeId key, List<Contact> first, Consumer<RouteResult> done) {
        ChordLookup l = new ChordLookup(node, key, done);
        node.count(ChordCounter.LOOKUPS);
        l.path.push(new Step(first));
        l.next();
    }

    /**
     * Routes to the key's successor. With {@code crossCheck = c > 1}, c lookups start at different first hops
     * (the querier's c closest preceding nodes of the key) and the owner closest clockwise to the key among
     * the answers wins ({@link ChordCrossCheck}).
     */
    static CompletableFuture<RouteResult> route(ChordNode node, NodeId key) {
        CompletableFuture<RouteResult> f = new CompletableFuture<>();
        long now = node.scheduler().nowMillis();
        if (node.table().successorOwns(key)) {
            List<Contact> reached = node.table().hasSuccessor() ? node.table().successors() : List.of(node.contact());
            f.complete(new RouteResult(key, reached, 0, 0, 0, now, now));
            return f;
        }
        int c = node.config().crossCheck();
        List<Contact> first = node.table().closestPreceding(key, Math.max(CANDIDATES, c));
        if (first.isEmpty()) {
            first = node.table().successors();
        }
        if (c == 1 || first.size() < 2) {
            run(node, key, first, f::complete);
            return f;
        }
        new ChordCrossCheck(node, key, first, Math.min(c, first.size()), f).start();
        return f;
    }
    private void next() {
        while (!path.isEmpty()) {
            Step s = path.peek();
            if (s.next < s.candidates.size() && messages < MAX_QUERIES) {
                query(s.candidates.get(s.next++));
                return;
            }
            path.pop();
            if (messages >= MAX_QUERIES) {
                break;
            }
        }
        node.count(ChordCounter.LOOKUP_FAILURES);
        finish(List.of());
    }

    private void query(Contact c) {
        messages++;
        NodeAddress to = c.address();
        node.rpc().request(to, tid -> new FindSuccessor(tid, node.id(), key), 0,
                reply -> onReply(c, reply), () -> onTimeout(c));
    }

    private void onTimeout(Contact c) {
        failures++;
        if (c.id() != null) {
            node.forget(c);
        }
        next();
    }

    private void onReply(Contact asked, ChordMessage m) {
        if (!(m instanceof FindSuccessorReply r)) {
            failures++;
            next();
            return;
        }
        if (asked.id() != null && !asked.id().equals(r.sender())) {
            // it answers under another id than the one it was suggested with: not the node we meant
            failures++;
            node.count(ChordCounter.LOOKUP_BAD_PROGRESS);
            next();
            return;
        }
        hops++;
        List<Contact> cs = node.acceptable(r.contacts());
        if (r.done()) {
            if (cs.isEmpty()) {
                next();
                return;
            }
            finish(cs);
            return;
        }
        // progress: every suggestion must lie strictly between the one who made it and the key
        List<Contact> forward = new java.util.ArrayList<>(Math.min(cs.size(), CANDIDATES));
        for (Contact c : cs) {
            if (forward.size() < CANDIDATES && ChordMath.between(r.sender(), c.id(), key)) {
                forward.add(c);
            }
        }
        if (forward.size() < cs.size()) {
            node.count(ChordCounter.LOOKUP_BAD_PROGRESS);
        }
        if (!forward.isEmpty()) {
            path.push(new Step(forward));
        }
        next();
    }

    private void finish(List<Contact> reached) {
        if (finished) {
            return;
        }
        finished = true;
        done.accept(new RouteResult(key, reached, hops, messages, failures, start, node.scheduler().nowMillis()));
    }
}
