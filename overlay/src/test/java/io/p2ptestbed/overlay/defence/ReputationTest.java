package io.p2ptestbed.overlay.defence;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.transport.sim.LinkEffect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ReputationTest {

    private static final NodeAddress MALLORY = NodeAddress.parse("127.201.0.1:6881");

    private final SimLab lab = new SimLab(31);
    private final SplittableRandom rng = lab.seed.split();
    private final List<KademliaNode> honest = lab.honestNodes(40);
    private final KademliaNode victim = honest.get(5);

    /** Joins the honest network, then lets Mallory introduce herself to every node. */
    private ScriptedPeer mallory(BiFunction<NodeId, NodeAddress, List<Contact>> script) {
        lab.joinAll(honest);
        // an id in one of the victim's sparse buckets, so that the victim has room for her
        ScriptedPeer m = new ScriptedPeer(lab, victim.id().randomInBucketOf(5, rng), MALLORY, script);
        honest.forEach(n -> m.ping(n.address(), 1));
        lab.scheduler.advance(1_000);
        assertThat(victim.table().contains(m.id)).isTrue();
        return m;
    }

    /** Real, live nodes, but the ones farthest from the target: a reply that leads nowhere. */
    private List<Contact> farthest(NodeId target) {
        return honest.stream().map(KademliaNode::contact)
                .sorted(Comparator.<Contact, NodeId>comparing(Contact::id, target::compareDistance).reversed())
                .limit(8).toList();
    }

    /** Runs a lookup every 10 s from the victim for targets in Mallory's neighbourhood; returns when she is banned. */
    private long lookupsUntilBanned(ScriptedPeer m, Reputation rep, int maxLookups) {
        for (int i = 0; i < maxLookups; i++) {
            NodeId target = m.id.randomInBucketOf(3, rng); // shares 3 leading bits with Mallory
            lab.await(victim.findNode(target));
            if (rep.isBanned(m.contact())) {
                return lab.scheduler.nowMillis();
            }
            lab.scheduler.advance(10_000);
        }
        return -1;
    }

    @Test
    void aMisroutingContact_shouldBeBannedWithinFiveMinutesOfLookups_andThenAvoided() {
        ScriptedPeer m = mallory((target, asker) -> farthest(target));
        InstalledDefences d = DefenceSet.parse("reputation").install(victim);
        Reputation rep = d.get(Reputation.class).orElseThrow();
        long start = lab.scheduler.nowMillis();

        long bannedAt = lookupsUntilBanned(m, rep, 30);

        assertThat(bannedAt).as("banned").isPositive();
        assertThat(bannedAt - start).as("virtual time to ban").isLessThanOrEqualTo(5 * 60_000);
        Map<String, Long> c = d.counters();
        assertThat(c.get("defence.reputation.penalty.misroute")).isGreaterThanOrEqualTo(3);
        assertThat(c).containsEntry("defence.reputation.bans", 1L).containsEntry("defence.reputation.banned_now", 1L);
        assertThat(victim.table().contains(m.id)).isFalse();

        // banned: not queried again, and not re-admitted when she pings
        int queriedBefore = m.queriesFrom.getOrDefault(victim.address(), 0);
        for (int i = 0; i < 10; i++) {
            LookupResult r = lab.await(victim.findNode(m.id.randomInBucketOf(3, rng)));
            assertThat(r.closest()).extracting(Contact::id).doesNotContain(m.id);
        }
        m.ping(victim.address(), 2);
        lab.scheduler.advance(1_000);
        assertThat(m.queriesFrom.getOrDefault(victim.address(), 0)).isEqualTo(queriedBefore);
        assertThat(victim.table().contains(m.id)).isFalse();
        assertThat(victim.stats().snapshot().get("rejected[reputation]")).isPositive();
        assertThat(d.counters().get("defence.reputation.lookup_filtered")).isPositive();
    }

    @Test
    void aBan_shouldExpireAfterItsVirtualDuration() {
        ScriptedPeer m = mallory((target, asker) -> farthest(target));
        Reputation rep = DefenceSet.parse("reputation(ban=5m)").install(victim).get(Reputation.class).orElseThrow();
        long bannedAt = lookupsUntilBanned(m, rep, 30);
        assertThat(bannedAt).isPositive();

        lab.scheduler.runUntil(bannedAt + 5 * 60_000 - 1_000);
        m.ping(victim.address(), 3);
        lab.scheduler.advance(500);
        assertThat(victim.table().contains(m.id)).as("still banned").isFalse();

        lab.scheduler.runUntil(bannedAt + 5 * 60_000 + 1);
        m.ping(victim.address(), 4);
        lab.scheduler.advance(500);
        assertThat(rep.isBanned(m.contact())).isFalse();
        assertThat(victim.table().contains(m.id)).as("admitted again").isTrue();
    }

    @Test
    void aContactHandingOutDeadAndFakeContacts_shouldBeBannedAfterOneBadReferral() {
        // four contacts right next to the target at addresses where nobody listens, four at honest
        // addresses under ids that are not theirs
        ScriptedPeer m = mallory((target, asker) -> {
            List<Contact> fake = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                NodeAddress at = i < 4 ? NodeAddress.of(127, 250, 0, 1 + i, 6881) : honest.get(i).address();
                fake.add(new Contact(target.flipBit(159 - i), at));
            }
            return fake;
        });
        InstalledDefences d = DefenceSet.parse("reputation").install(victim);
        Reputation rep = d.get(Reputation.class).orElseThrow();
        long start = lab.scheduler.nowMillis();

        long bannedAt = lookupsUntilBanned(m, rep, 12);

        assertThat(bannedAt - start).as("virtual time to ban").isBetween(0L, 2 * 60_000L);
        assertThat(d.counters().get("defence.reputation.penalty.dead_referral")).isPositive();
        assertThat(d.counters().get("defence.reputation.penalty.fake_referral")).isPositive();
        assertThat(d.counters()).containsEntry("defence.reputation.bans", 1L);
    }

    @Test
    void inAnHonestNetwork_reputationShouldBanNobodyAndLookupsShouldAllSucceed() {
        DefenceSet defences = DefenceSet.parse("reputation");
        List<InstalledDefences> installed = honest.stream().map(defences::install).toList();
        lab.joinAll(honest);

        for (int i = 0; i < 200; i++) {
            NodeId target = NodeId.random(rng);
            KademliaNode asker = honest.get(rng.nextInt(honest.size()));
            LookupResult r = lab.await(asker.findNode(target));
            assertThat(r.closest().get(0).id()).isEqualTo(SimLab.trueClosest(honest, asker, target, 1).get(0));
            lab.scheduler.advance(rng.nextLong(2_000));
        }
        lab.scheduler.advance(30 * 60_000); // maintenance, refreshes
        for (InstalledDefences d : installed) {
            assertThat(d.counters()).containsEntry("defence.reputation.bans", 0L);
        }
    }

    @Test
    void lookups_shouldQueryABadlyReputedCandidateAfterAWellReputedOne() {
        List<KademliaNode> three = List.of(honest.get(0), honest.get(1), honest.get(2));
        lab.joinAll(three);
        KademliaNode asker = three.get(0);
        Contact suspect = three.get(1).contact();
        Contact good = three.get(2).contact();
        Reputation rep = DefenceSet.parse("reputation").install(asker).get(Reputation.class).orElseThrow();
        rep.onTimeout(suspect); // as if it had failed to answer once
        assertThat(rep.score(suspect.id())).isNegative();

        List<NodeAddress> sentTo = new ArrayList<>();
        lab.network.addFilter((from, to, r) -> {
            if (from.equals(asker.address())) {
                sentTo.add(to);
            }
            return LinkEffect.NONE;
        });
        // the target is the suspect's own id, so plain Kademlia would ask the suspect first
        lab.await(asker.lookup(suspect.id(), LookupKind.FIND_NODE, 1));

        assertThat(sentTo).contains(good.address(), suspect.address());
        assertThat(sentTo.indexOf(good.address())).isLessThan(sentTo.indexOf(suspect.address()));
    }
}
