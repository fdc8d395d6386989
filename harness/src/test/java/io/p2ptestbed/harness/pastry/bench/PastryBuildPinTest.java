package io.p2ptestbed.harness.pastry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A pin of the sharded Pastry build's behaviour: at 2,000 nodes (seed 1, joins 2 virtual ms apart, two threads) the
 * build's events, messages, virtual time and counters, and a digest of every node's whole state after it (leaf set,
 * routing table and neighbourhood set with the RTTs the node measured, counters: {@link PastryBenchmark#stateDigest}),
 * are the values main gave on 2026-12-07 (commit ea59ccf), before the session-19 changes for speed, which must not
 * change what is simulated. A change of behaviour changes them; then the new values are pinned with the reason.
 */
class PastryBuildPinTest {

    @Test
    void theTwoThousandNodeBuildIsTheSameRunAsBefore() {
        PastryShardedBenchmark.Figures f = PastryShardedBenchmark.run(2_000, 400, 400, 1, 2, 2, true);
        String seen = f.joinEvents() + " events, " + f.joinMessages() + " messages, " + f.joinVirtualMillis()
                + " virtual ms, " + f.counters() + ", routes " + f.routeEvents() + " events " + f.correct()
                + " correct, state " + f.stateDigest();
        assertEquals("426842 events, 412345 messages, 5130 virtual ms, {pastry.sent=412345, pastry.received=411539, "
                + "pastry.replies.unmatched=2186, pastry.forwarded=4688, pastry.delivered=1999, pastry.route.rareCase=84, "
                + "pastry.proximity.probes=120023, pastry.joins=1999}, routes 9918 events 400 correct, state "
                + "fae9e2c175622692a6e81f8edef13a598a8894bdb7640301a30190e7de640d2e", seen, f.line());
    }
}
