package io.p2ptestbed.overlay.defence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.InboundGuard;
import io.p2ptestbed.overlay.kademlia.InsertOutcome;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DefenceSetTest {

    @Test
    void parse_shouldReadNamesAndParameters() {
        DefenceSet s = DefenceSet.parse("ip-diversity , rate-limit(ip=5/s, ip-burst=10, action=reject, global=off)");

        assertThat(s.has("rate-limit")).isTrue();
        assertThat(s.has("ip-diversity")).isTrue();
        RateLimitConfig r = s.get(RateLimitConfig.class).orElseThrow();
        assertThat(r.ipRate()).isEqualTo(5);
        assertThat(r.ipBurst()).isEqualTo(10);
        assertThat(r.globalRate()).isZero();
        assertThat(r.action()).isEqualTo(InboundGuard.Verdict.REJECT_202);
        assertThat(s.get(IpDiversityConfig.class)).contains(IpDiversityConfig.defaults());
        assertThat(DefenceSet.parse("reputation(ban=90s,half-life=1h,misroute=6)").get(ReputationConfig.class).orElseThrow())
                .satisfies(c -> {
                    assertThat(c.banMillis()).isEqualTo(90_000);
                    assertThat(c.halfLifeMillis()).isEqualTo(3_600_000);
                    assertThat(c.penalty(Offence.MISROUTE)).isEqualTo(6);
                });
        assertThat(DefenceSet.parse("rate-limit(ip=600/m)").get(RateLimitConfig.class).orElseThrow().ipRate()).isEqualTo(10);
    }

    @Test
    void toString_shouldBeACanonicalSpecThatParsesBackToTheSameSet() {
        for (String spec : List.of("none", "plain", "kademlia-rules,rate-limit,ip-diversity,bep42,reputation,siblings(s=20)",
                "eviction(ping=true,keep-old=false),puzzle(c1=10,c2=3),disjoint(d=4,alpha=2)",
                "rate-limit(ip=2.5/s,action=reject),reputation(threshold=-7.5)")) {
            DefenceSet s = DefenceSet.parse(spec);
            assertThat(DefenceSet.parse(s.toString()).specs()).as(spec).isEqualTo(s.specs());
        }
        assertThat(DefenceSet.parse("ip-diversity,plain").toString()).isEqualTo("plain,ip-diversity(bucket=2,table=10,prefix=24)");
        assertThat(DefenceSet.parse("").toString()).isEqualTo("none");
    }

    @Test
    void sKademlia_shouldBePuzzlePlusDisjointPlusSiblings() {
        DefenceSet s = DefenceSet.parse("s-kademlia(c1=6,d=4,s=24)");
        assertThat(s.specs()).containsExactly(new SiblingsConfig(24), new PuzzleConfig(6, 4, true), new DisjointPathsConfig(4, 1));
    }

    @Test
    void parse_shouldRefuseUnknownNamesMisspeltKeysAndDuplicates() {
        assertThatThrownBy(() -> DefenceSet.parse("firewall")).hasMessageContaining("unknown defence 'firewall'");
        assertThatThrownBy(() -> DefenceSet.parse("rate-limit(ipp=3)")).hasMessageContaining("no parameter [ipp]");
        assertThatThrownBy(() -> DefenceSet.parse("rate-limit(ip=fast)")).hasMessageContaining("ip=fast");
        assertThatThrownBy(() -> DefenceSet.parse("plain,kademlia-rules")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> DefenceSet.parse("ip-diversity(bucket=2")).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> DefenceSet.parse("reputation(threshold=3)")).hasMessageContaining("negative");
    }

    @Test
    void plainAndKademliaRules_shouldSwitchEvictionOnALiveNode_andUninstallShouldRestore() {
        SimLab lab = new SimLab(51);
        KademliaNode node = lab.honestNodes(1).get(0);
        SplittableRandom rng = lab.seed.split();
        for (int i = 0; i < 8; i++) { // fill bucket 159
            node.table().insert(new Contact(node.id().randomInBucketOf(0, rng), NodeAddress.of(127, 50 + i, 0, 1, 6881)));
        }
        Contact newcomer = new Contact(node.id().randomInBucketOf(0, rng), NodeAddress.parse("127.99.0.1:6881"));

        InstalledDefences plain = DefenceSet.parse("plain").install(node);
        assertThat(node.config().pingBeforeEvict()).isFalse();
        assertThat(node.config().preferOldContacts()).isFalse();
        assertThat(node.table().insert(newcomer)).isInstanceOf(InsertOutcome.Added.class)
                .extracting(o -> ((InsertOutcome.Added) o).replaced()).isNotNull();
        plain.uninstall();

        DefenceSet.parse("kademlia-rules").install(node);
        assertThat(node.config().pingBeforeEvict()).isTrue();
        assertThat(node.config().preferOldContacts()).isTrue();
        Contact another = new Contact(node.id().randomInBucketOf(0, rng), NodeAddress.parse("127.98.0.1:6881"));
        assertThat(node.table().insert(another)).isInstanceOf(InsertOutcome.BucketFull.class);
        assertThat(DefenceSet.parse("plain").applyTo(NodeConfig.defaults()).preferOldContacts()).isFalse();
    }

    @Test
    void installedCounters_shouldAppearInTheNodeStatsUntilUninstalled() {
        SimLab lab = new SimLab(52);
        KademliaNode node = lab.honestNodes(1).get(0);
        InstalledDefences d = DefenceSet.parse("rate-limit,ip-diversity,bep42,puzzle,reputation,disjoint,siblings,plain")
                .install(node);

        assertThat(node.stats().snapshot()).containsKeys("defence.rate_limit.dropped", "defence.rate_limit.admitted",
                "defence.ip_diversity.rejected", "defence.bep42.rejected", "defence.puzzle.rejected",
                "defence.reputation.bans", "defence.reputation.penalty.misroute", "defence.disjoint.d",
                "defence.siblings.size", "defence.eviction.ping_before_evict", "queries_in");
        assertThat(d.get(RateLimiter.class)).isPresent();

        d.uninstall();
        assertThat(node.stats().snapshot().keySet()).noneMatch(k -> k.startsWith("defence."));
        assertThat(node.config().preferOldContacts()).isTrue();
        assertThat(node.lookupPaths()).isEqualTo(1);
    }

    @Test
    void aDefenceInstance_shouldServeOneNodeOnly() {
        SimLab lab = new SimLab(53);
        List<KademliaNode> two = lab.honestNodes(2);
        RateLimiter limiter = new RateLimiter(RateLimitConfig.defaults());
        limiter.install(two.get(0));
        assertThatThrownBy(() -> limiter.install(two.get(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void newIdentity_shouldSatisfyTheSetsIdRules() {
        SplittableRandom rng = new SplittableRandom(54);
        NodeAddress a = NodeAddress.parse("127.1.2.3:6881");
        assertThat(Bep42.isCompliant(DefenceSet.parse("bep42").newIdentity(a, rng), a)).isTrue();
        DefenceSet puzzle = DefenceSet.parse("puzzle(c1=4,c2=2)");
        NodeId id = puzzle.newIdentity(a, rng);
        assertThat(CryptoPuzzle.verify(id, puzzle.puzzles().proofOf(id).orElseThrow(), 4, 2)).isTrue();
        assertThatThrownBy(() -> DefenceSet.parse("bep42,puzzle").newIdentity(a, rng)).isInstanceOf(IllegalStateException.class);
    }

    /** Every defence that needs no special ids, on every node: the honest network must not notice. */
    @Test
    void anHonestNetworkWithAllDefencesOn_shouldLookUpAsWellAsWithout() {
        SimLab lab = new SimLab(55);
        SplittableRandom rng = lab.seed.split();
        DefenceSet all = DefenceSet.parse("kademlia-rules,rate-limit,ip-diversity,reputation,siblings,disjoint");
        List<KademliaNode> nodes = lab.honestNodes(60);
        List<InstalledDefences> installed = nodes.stream().map(all::install).toList();
        lab.joinAll(nodes);

        for (int i = 0; i < 200; i++) {
            KademliaNode asker = nodes.get(rng.nextInt(nodes.size()));
            NodeId target = NodeId.random(rng);
            LookupResult r = lab.await(asker.findNode(target));
            assertThat(r.closest().get(0).id()).isEqualTo(SimLab.trueClosest(nodes, asker, target, 1).get(0));
        }
        for (InstalledDefences d : installed) {
            assertThat(d.counters()).containsEntry("defence.rate_limit.limited", 0L)
                    .containsEntry("defence.ip_diversity.rejected", 0L)
                    .containsEntry("defence.reputation.bans", 0L);
        }
    }
}
