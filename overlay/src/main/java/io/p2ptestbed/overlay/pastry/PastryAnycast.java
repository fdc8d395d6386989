package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryMessage.Ping;
import io.p2ptestbed.overlay.pastry.PastryMessage.Pong;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One redundant route by Castro et al.'s neighbour-set anycast (OSDI 2002, section 5.3, as restated by the evidence
 * file named in docs/pastry.md): the origin sends a secure copy through each member of its leaf set (its neighbour
 * set); every copy goes by constrained routing tables until it reaches a node whose leaf set holds the key's root, and
 * that node answers with itself and its leaf set. The origin keeps an answer only when every contact in it is
 * certified, and flags one that fails the density test ({@link PastrySecurity}); from the answers kept it computes the key's
 * replica set (the r = |L| closest, r/2 on each side of the key: {@link PastryIds#replicaSet}). It then asks every
 * member of that set it has not asked yet for its leaf set (a ping, whose pong carries it; the same checks), and
 * repeats until the set no longer changes or {@link #ROUNDS} rounds (the anycast included) are done. The result is
 * the replica set, closest to the key first. Colluders can leave out nodes but, with certified ids, cannot put a
 * node in the set that is not among the closest real nodes gathered.
 */
final class PastryAnycast {

    /** Rounds in all: the anycast, then up to two rounds of asking the candidate replica roots ("up to three times"). */
    static final int ROUNDS = 3;

    private final PastryNode node;
    private final NodeId key;
    private final long start;
    private final CompletableFuture<RouteResult> out;
    private final Map<NodeId, Contact> gathered = new LinkedHashMap<>();
    private final Set<NodeId> asked = new HashSet<>();
    private int hops;
    private int messages;
    private int failures;

    PastryAnycast(PastryNode node, NodeId key, long start, int messagesBefore, CompletableFuture<RouteResult> out) {
        this.node = node;
        this.key = key;
        this.start = start;
        this.messages = messagesBefore;
        this.out = out;
    }

    /** The first round: the answers of the anycast copies (one per leaf), then the rounds of asking. */
    void gather(List<CompletableFuture<RouteResult>> copies) {
        asked.add(node.id());
        if (node.state().inLeafRange(key)) {
            // the origin's own leaf set holds the root: its own view is an answer it trusts
            node.state().closestKnown(key, 1 + node.config().leafSet()).forEach(c -> gathered.putIfAbsent(c.id(), c));
        }
        CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)).thenRun(() -> {
            for (CompletableFuture<RouteResult> f : copies) {
                RouteResult r = f.join();
                hops = Math.max(hops, r.hops() + 1);
                messages += r.messages() + 1;
                failures += r.found() ? 0 : 1;
                if (r.found()) {
                    take(r.reached(), key);
                }
            }
            ask(2);
        });
    }

    /**
     * Takes an answer (a node's leaf set and itself, around {@code centre}) when every contact in it is certified: an
     * honest node admits only certified contacts, so an answer naming one that is not is a lie and is refused whole.
     * The density test (gamma) flags an answer sparser than the origin's own leaf set ({@code anycast_sparse}: how a
     * colluder's set of colluders shows) but does not refuse it: the honest answers in a sparse stretch of the ring
     * fail it too (2 of 20 keys in an honest network of 150 nodes lost everything when it refused), and with certified
     * ids a set of real colluders cannot displace a closer node that any honest answer names.
     */
    private void take(List<Contact> answer, NodeId centre) {
        if (!answer.stream().allMatch(node::acceptable)) {
            node.count(PastryCounter.ANYCAST_REJECTED);
            return;
        }
        if (!PastrySecurity.passes(node.state(), centre, answer, node.config().gamma())) {
            node.count(PastryCounter.ANYCAST_SPARSE);
        }
        for (Contact c : answer) {
            gathered.putIfAbsent(c.id(), c);
        }
    }

    /** The replica set of the key among the contacts gathered so far, closest first. */
    private List<Contact> candidates() {
        List<Contact> out = new ArrayList<>();
        for (NodeId id : PastryIds.replicaSet(key, gathered.keySet(), node.config().leafSet())) {
            out.add(gathered.get(id));
        }
        return out;
    }

    /** Round {@code round}: asks the candidates not asked yet for their leaf sets; ends when none is left. */
    private void ask(int round) {
        List<Contact> candidates = candidates();
        List<Contact> toAsk = candidates.stream().filter(c -> !asked.contains(c.id())).toList();
        if (toAsk.isEmpty() || round > ROUNDS) {
            out.complete(new RouteResult(key, candidates, hops, messages, failures, start, node.scheduler().nowMillis()));
            return;
        }
        node.count(PastryCounter.ANYCAST_ROUNDS);
        hops++;
        int[] waiting = {toAsk.size()};
        Runnable answered = () -> {
            if (--waiting[0] == 0) {
                ask(round + 1);
            }
        };
        for (Contact c : toAsk) {
            asked.add(c.id());
            messages++;
            node.rpc().request(c.address(), new Ping(node.rpc().newTid(), node.id()), reply -> {
                if (reply.message() instanceof Pong p && p.sender().equals(c.id())) {
                    List<Contact> set = new ArrayList<>(p.leafSet());
                    set.add(c);
                    take(set, c.id());
                }
                answered.run();
            }, () -> {
                failures++;
                answered.run();
            });
        }
    }
}
