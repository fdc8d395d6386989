package io.p2ptestbed.overlay.defence;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.InsertOutcome;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.kademlia.RoutingTable;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CryptoPuzzleTest {

    private final SplittableRandom rng = new SplittableRandom(5);

    @Test
    void generate_shouldSolveBothPuzzles_andVerifyShouldAcceptIt() {
        PuzzleSolution s = CryptoPuzzle.generate(8, 4, rng);
        assertThat(CryptoPuzzle.check(s.id(), s.proof(), 8, 4)).isEmpty();
        assertThat(s.staticHashes()).isPositive().isEven();
        assertThat(s.dynamicHashes()).isPositive();
    }

    @Test
    void check_shouldSayWhichPartOfATamperedProofFails() {
        PuzzleSolution s = CryptoPuzzle.generate(6, 6, rng);
        byte[] key = s.proof().publicKey();
        key[0] ^= 1;
        byte[] x = s.proof().x();
        x[19] ^= (byte) 0x80;
        // x with one bit changed: H(id ^ x) is a fresh hash, with a 2^-6 chance to still pass; the seed fixes it
        assertThat(CryptoPuzzle.check(s.id(), new PuzzleProof(key, s.proof().x()), 6, 6))
                .contains("id is not SHA-1 of its public key");
        assertThat(CryptoPuzzle.check(s.id(), new PuzzleProof(s.proof().publicKey(), x), 6, 6))
                .contains("dynamic puzzle unsolved (c2=6)");
        assertThat(CryptoPuzzle.check(NodeId.random(rng), s.proof(), 6, 6)).contains("id is not SHA-1 of its public key");
        assertThat(CryptoPuzzle.check(s.id(), s.proof(), 24, 6)).contains("static puzzle unsolved (c1=24)");
    }

    @Test
    void measuredStaticCost_shouldGrowLikeTwoToTheC1() {
        double previous = 0;
        for (int c1 = 2; c1 <= 12; c1 += 2) {
            int trials = 40;
            long total = 0;
            for (int t = 0; t < trials; t++) {
                total += CryptoPuzzle.generate(c1, 0, rng).staticHashes();
            }
            double mean = (double) total / trials;
            double expected = 2 * Math.pow(2, c1);
            assertThat(mean).as("c1=%d", c1).isBetween(expected / 2, expected * 2);
            assertThat(mean).as("cost rises with c1").isGreaterThan(previous);
            previous = mean;
        }
    }

    @Test
    void placingAnIdNearATarget_shouldCostAboutTwoToTheC1PlusPrefixBits() {
        NodeId target = NodeId.random(rng);
        int c1 = 4;
        for (int prefix : new int[] {0, 4, 8}) {
            int trials = 30;
            long total = 0;
            for (int t = 0; t < trials; t++) {
                PuzzleSolution s = CryptoPuzzle.generateNear(target, prefix, c1, 2, rng, Long.MAX_VALUE).orElseThrow();
                assertThat(s.id().commonPrefixLength(target)).isGreaterThanOrEqualTo(prefix);
                assertThat(CryptoPuzzle.verify(s.id(), s.proof(), c1, 2)).isTrue();
                total += s.staticHashes();
            }
            double expected = 2 * Math.pow(2, c1 + prefix);
            assertThat((double) total / trials).as("prefix %d", prefix).isBetween(expected / 2, expected * 2);
        }
        assertThat(CryptoPuzzle.generateNear(target, 30, c1, 2, rng, 10_000)).as("budget exhausted").isEmpty();
    }

    @Test
    void policy_shouldAdmitRegisteredSolutions_andRejectUnprovenOrForgedIds() {
        PuzzleRegistry registry = new PuzzleRegistry();
        RoutingTable table = new RoutingTable(NodeId.random(rng), NodeConfig.defaults(), new VirtualScheduler());
        PuzzlePolicy policy = new PuzzlePolicy(new PuzzleConfig(8, 4, true), registry);
        table.addPolicy(policy);
        NodeAddress a = NodeAddress.parse("127.201.0.1:6881");

        PuzzleSolution good = CryptoPuzzle.generate(8, 4, rng);
        registry.register(good);
        NodeId unproven = NodeId.random(rng);
        NodeId forged = NodeId.random(rng);
        registry.register(forged, good.proof());
        PuzzleSolution weak = CryptoPuzzle.generate(0, 0, rng);
        registry.register(weak);

        assertThat(table.insert(new Contact(good.id(), a))).isInstanceOf(InsertOutcome.Added.class);
        assertThat(table.insert(new Contact(unproven, a)))
                .isEqualTo(new InsertOutcome.Rejected("puzzle: no proof for " + unproven.shortHex()));
        assertThat(table.insert(new Contact(forged, a)))
                .isEqualTo(new InsertOutcome.Rejected("puzzle: id is not SHA-1 of its public key"));
        Optional<String> weakCheck = CryptoPuzzle.check(weak.id(), weak.proof(), 8, 4);
        if (weakCheck.isPresent()) { // a c1 = 0 solution passes c1 = 8 with chance 2^-8; the seed decides
            assertThat(table.insert(new Contact(weak.id(), a))).isEqualTo(new InsertOutcome.Rejected("puzzle: " + weakCheck.get()));
        }
        assertThat(policy.counters()).containsEntry("defence.puzzle.rejected_no_proof", 1L);
    }

    @Test
    void aNetworkOfPuzzleNodes_shouldWorkWhileFreeIdSybilsAreKeptOutOfTablesAndLookups() {
        SimLab lab = new SimLab(6);
        DefenceSet defences = DefenceSet.parse("puzzle(c1=6,c2=2)");
        SplittableRandom ids = lab.seed.split();
        List<KademliaNode> nodes = lab.honestNodes(40, NodeConfig.defaults(), a -> defences.newIdentity(a, ids));
        nodes.forEach(defences::install);
        lab.joinAll(nodes);
        assertThat(defences.puzzles().size()).isEqualTo(40);

        NodeId target = NodeId.random(ids);
        // a Sybil that claims an id right next to the target but never paid for it
        ScriptedPeer sybil = new ScriptedPeer(lab, target.flipBit(159), NodeAddress.parse("127.201.0.1:6881"), (t, a) -> List.of());
        nodes.forEach(n -> sybil.ping(n.address(), 1));
        lab.scheduler.advance(1_000);
        KademliaNode asker = nodes.get(3);
        LookupResult r = lab.await(asker.findNode(target));

        assertThat(r.closest().get(0).id()).isEqualTo(SimLab.trueClosest(nodes, asker, target, 1).get(0));
        assertThat(r.closest()).extracting(Contact::id).doesNotContain(sybil.id);
        assertThat(asker.stats().snapshot()).containsEntry("rejected[puzzle]", 1L)
                .containsEntry("defence.puzzle.rejected_no_proof", 1L);
    }
}
