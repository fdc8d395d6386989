package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.harness.attack.LookupTally;
import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import io.p2ptestbed.harness.kademlia.KademliaWorkloads;
import io.p2ptestbed.harness.kademlia.LocalKademlia;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Runs lookups from honest nodes and grades them as S/Kademlia does: success when the result contains
 * the true closest honest live node to the target. Under attack the adversary's contacts may well be
 * closer than any honest node (Sybils ground next to the key), so "the first result is the true
 * closest node" ({@code LookupStats}) is the wrong yardstick here.
 */
public final class HonestLookups {

    /** Generous bound on a batch of lookups (runtime time). */
    public static final long BATCH_TIMEOUT_MILLIS = 300_000;

    private HonestLookups() {}

    /** {@code count} find_node requests from random nodes of {@code from} to random keys. */
    public static List<LookupRequest> randomRequests(List<? extends NodeHandle> from, int count, RandomGenerator rng) {
        if (from.isEmpty()) {
            throw new IllegalStateException("no live honest node to look up from");
        }
        return KademliaWorkloads.randomFindNodes(from, count, rng);
    }

    /**
     * Starts every request at once (each on its node's own thread) and waits for all of them. Out of process
     * (docker) each node runs its own lookup through its control interface ({@link NetworkRuntime#lookups}).
     */
    public static List<LookupResult> run(NetworkRuntime rt, List<LookupRequest> reqs, LookupMode mode) {
        if (!(rt instanceof LocalRuntime)) {
            if (!(mode instanceof LookupMode.NodeDefault)) {
                throw new UnsupportedOperationException("lookups in the mode " + mode.label() + " are started inside the "
                        + "node's JVM; the " + rt.kind().label() + " runtime runs each node's own lookup only (node-default)");
            }
            return KademliaRuntime.of(rt).lookups(reqs);
        }
        List<CompletableFuture<LookupResult>> fs = new ArrayList<>(reqs.size());
        for (LookupRequest r : reqs) {
            LocalNode n = (LocalNode) r.from();
            fs.add(n.alive() ? mode.start(LocalKademlia.node(n), r.target(), r.kind()) : CompletableFuture.completedFuture(null));
        }
        rt.await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)), BATCH_TIMEOUT_MILLIS);
        List<LookupResult> out = new ArrayList<>(fs.size());
        for (CompletableFuture<LookupResult> f : fs) {
            out.add(f.isDone() && !f.isCompletedExceptionally() ? f.join() : null);
        }
        return out;
    }

    /**
     * Grades results. {@code truthFor} gives the honest nodes an origin should find (all live honest
     * nodes, or only those on its side of a partition); {@code adversarial} recognises attacker contacts.
     */
    public static LookupTally grade(List<LookupRequest> reqs, List<LookupResult> results,
                                    Function<NodeHandle, GroundTruth> truthFor, Predicate<Contact> adversarial) {
        int ok = 0;
        int unanswered = 0;
        long bad = 0;
        long returned = 0;
        long queries = 0;
        long millis = 0;
        for (int i = 0; i < reqs.size(); i++) {
            LookupRequest q = reqs.get(i);
            LookupResult r = results.get(i);
            if (r == null) {
                unanswered++;
                continue;
            }
            queries += r.queries();
            millis += r.durationMillis();
            for (Contact c : r.closest()) {
                returned++;
                if (adversarial.test(c)) {
                    bad++;
                }
            }
            NodeId best = closestOtherThan(truthFor.apply(q.from()), q.target(), q.from().id());
            if (best != null && r.closest().stream().anyMatch(c -> c.id().equals(best))) {
                ok++;
            }
        }
        return new LookupTally(reqs.size(), ok, unanswered, bad, returned, queries, millis);
    }

    /** Runs and grades against all live honest nodes of the runtime. */
    public static LookupTally runAndGrade(NetworkRuntime rt, List<LookupRequest> reqs, LookupMode mode,
                                          Predicate<Contact> adversarial) {
        GroundTruth truth = rt.truth();
        return grade(reqs, run(rt, reqs, mode), n -> truth, adversarial);
    }

    /** The true closest id to {@code target} in {@code truth}, other than {@code origin}. */
    static NodeId closestOtherThan(GroundTruth truth, NodeId target, NodeId origin) {
        for (NodeId id : truth.closest(target, 2)) {
            if (!id.equals(origin)) {
                return id;
            }
        }
        return null;
    }
}
