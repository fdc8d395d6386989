package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.adversary.kademlia.eclipse.AdversaryShare;
import io.p2ptestbed.harness.attack.LookupTally;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Watches colluders being evicted from honest routing tables while the network keeps working: every
 * round, honest nodes run lookups for random keys (which is how a reputation defence gets to observe
 * the colluders), then the colluders' entries in all honest tables are counted; then time moves on.
 * Entries are followed individually, so entries that were there when the colluders turned can be told
 * from colluders inserted later (a colluder that answers a query is inserted like any node, until the
 * querier has seen it misbehave).
 */
public final class EvictionWatch {

    /**
     * One round: when (since the watch began), what the lookups achieved, the colluders' share of honest
     * table entries after them, and how many of the entries present at the turn are still there.
     */
    public record Round(long atMillis, LookupTally lookups, AdversaryShare tables, int remainingFromTurn, int atTurn) {

        /** Share of the entries present when the colluders turned that are gone. */
        public double evictedFromTurn() {
            return atTurn == 0 ? 0 : 1 - (double) remainingFromTurn / atTurn;
        }
    }

    private EvictionWatch() {}

    /**
     * {@code rounds} rounds of {@code lookupsPerRound} lookups, {@code roundMillis} apart; the first runs at
     * once. {@code atTurn}: the colluder entries honest tables held when the colluders turned.
     */
    public static List<Round> run(NetworkRuntime rt, Colluders colluders, Set<Colluders.Entry> atTurn, LookupMode mode,
                                  int rounds, int lookupsPerRound, long roundMillis, RandomGenerator rng, Consumer<Round> onRound) {
        long start = rt.nowMillis();
        List<Round> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            if (i > 0) {
                rt.advance(roundMillis);
            }
            List<NodeHandle> honest = rt.liveNodes();
            LookupTally t = HonestLookups.runAndGrade(rt, HonestLookups.randomRequests(honest, lookupsPerRound, rng), mode,
                    colluders::isAdversarial);
            Set<Colluders.Entry> now = colluders.entriesIn(honest);
            int remaining = 0;
            for (Colluders.Entry e : atTurn) {
                if (now.contains(e)) {
                    remaining++;
                }
            }
            Round r = new Round(rt.nowMillis() - start, t, colluders.shareIn(honest), remaining, atTurn.size());
            out.add(r);
            onRound.accept(r);
        }
        return out;
    }
}
