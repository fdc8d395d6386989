package io.p2ptestbed.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private final SplittableRandom rng = new SplittableRandom(2024);
    private final VirtualScheduler clock = new VirtualScheduler();
    private final NodeId self = NodeId.random(rng);
    private int nextHost = 1;

    private RoutingTable table(NodeConfig config) {
        return new RoutingTable(self, config, clock);
    }

    /** A contact in bucket {@code bucket} (159 = the far half of the id space). */
    private Contact inBucket(int bucket) {
        NodeId id = self.randomInBucketOf(NodeId.BITS - 1 - bucket, rng);
        return new Contact(id, NodeAddress.of(127, 0, nextHost >>> 8, nextHost++ & 0xFF, 6881));
    }

    /** Fills bucket 159 with k contacts, one millisecond apart, and returns them oldest first. */
    private List<Contact> fill(RoutingTable t, int k) {
        List<Contact> added = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Contact c = inBucket(159);
            assertThat(t.insert(c)).isEqualTo(new InsertOutcome.Added(159, null));
            added.add(c);
            clock.advance(1);
        }
        return added;
    }

    @Test
    void bucketIndex_shouldBe159MinusTheCommonPrefixLength() {
        RoutingTable t = table(NodeConfig.defaults());
        assertThat(t.bucketIndex(self.flipBit(0))).isEqualTo(159);
        assertThat(t.bucketIndex(self.flipBit(159))).isEqualTo(0);
        assertThat(t.bucketIndex(self.flipBit(100))).isEqualTo(59);
    }

    @Test
    void insert_shouldRejectTheOwnId() {
        RoutingTable t = table(NodeConfig.defaults());
        assertThat(t.insert(new Contact(self, NodeAddress.of(127, 0, 0, 1, 1)))).isEqualTo(new InsertOutcome.Rejected("self"));
        assertThat(t.size()).isZero();
    }

    @Test
    void insert_shouldAcceptUpToKContactsPerBucket() {
        RoutingTable t = table(NodeConfig.defaults());
        List<Contact> added = fill(t, 8);
        assertThat(t.size()).isEqualTo(8);
        assertThat(t.bucketSize(159)).isEqualTo(8);
        assertThat(t.contacts()).containsExactlyInAnyOrderElementsOf(added);
        // Other buckets have their own capacity.
        assertThat(t.insert(inBucket(158))).isEqualTo(new InsertOutcome.Added(158, null));
    }

    @Test
    void insert_shouldReportBucketFullWithTheLeastRecentlySeenContactAsEvictionCandidate() {
        RoutingTable t = table(NodeConfig.defaults());
        List<Contact> added = fill(t, 8);
        Contact newcomer = inBucket(159);

        InsertOutcome outcome = t.insert(newcomer);

        assertThat(outcome).isEqualTo(new InsertOutcome.BucketFull(159, added.get(0)));
        assertThat(t.contains(newcomer.id())).isFalse();
        assertThat(t.size()).isEqualTo(8);
    }

    @Test
    void insert_shouldRefreshAKnownContactAndMoveItToTheMostRecentlySeenEnd() {
        RoutingTable t = table(NodeConfig.defaults());
        List<Contact> added = fill(t, 8);
        clock.advance(100);

        assertThat(t.insert(added.get(0))).isEqualTo(new InsertOutcome.AlreadyExisted(159));

        assertThat(t.bucketEntries(159).get(7).contact()).isEqualTo(added.get(0));
        assertThat(t.bucketEntries(159).get(7).lastSeen()).isEqualTo(clock.nowMillis());
        assertThat(t.insert(inBucket(159))).isEqualTo(new InsertOutcome.BucketFull(159, added.get(1)));
    }

    @Test
    void insert_shouldRejectAKnownIdClaimedFromAnotherAddress() {
        RoutingTable t = table(NodeConfig.defaults());
        Contact c = inBucket(150);
        t.insert(c);
        InsertOutcome outcome = t.insert(new Contact(c.id(), NodeAddress.of(127, 9, 9, 9, 1)));
        assertThat(outcome).isInstanceOf(InsertOutcome.Rejected.class);
        assertThat(((InsertOutcome.Rejected) outcome).reason()).startsWith("id already known at " + c.address());
        assertThat(t.closest(c.id(), 1)).containsExactly(c);
    }

    @Test
    void evict_shouldPromoteTheMostRecentReplacement() {
        RoutingTable t = table(NodeConfig.defaults());
        List<Contact> added = fill(t, 8);
        Contact older = inBucket(159);
        Contact newer = inBucket(159);
        assertThat(t.insert(older)).isInstanceOf(InsertOutcome.BucketFull.class);
        assertThat(t.insert(newer)).isInstanceOf(InsertOutcome.BucketFull.class);

        assertThat(t.evict(added.get(0).id())).isTrue();

        assertThat(t.contains(added.get(0).id())).isFalse();
        assertThat(t.contains(newer.id())).isTrue();
        assertThat(t.contains(older.id())).isFalse();
        assertThat(t.size()).isEqualTo(8);
        assertThat(t.evict(added.get(1).id())).isTrue();
        assertThat(t.contains(older.id())).isTrue();
        assertThat(t.evict(added.get(2).id())).isTrue();
        assertThat(t.size()).as("cache exhausted: the bucket shrinks").isEqualTo(7);
        assertThat(t.evict(added.get(2).id())).as("already gone").isFalse();
    }

    @Test
    void replacementCache_shouldKeepOnlyTheMostRecentEntriesUpToItsSize() {
        NodeConfig cfg = new NodeConfig(2, 3, 2_000, 3, 900_000, 300_000, 1_800_000, 50, true, true, 2, true);
        RoutingTable t = table(cfg);
        List<Contact> added = fill(t, 2);
        Contact r1 = inBucket(159);
        Contact r2 = inBucket(159);
        Contact r3 = inBucket(159);
        t.insert(r1);
        t.insert(r2);
        t.insert(r3);
        t.insert(r2); // seen again: moves to the most recent end, no duplicate

        t.evict(added.get(0).id());
        t.evict(added.get(1).id());

        assertThat(t.contacts()).containsExactlyInAnyOrder(r2, r3);
    }

    @Test
    void replacementCache_shouldStayEmptyWhenItsSizeIsZero() {
        NodeConfig cfg = new NodeConfig(1, 3, 2_000, 3, 900_000, 300_000, 1_800_000, 50, true, true, 0, true);
        RoutingTable t = table(cfg);
        Contact first = fill(t, 1).get(0);
        t.insert(inBucket(159));
        assertThat(t.evict(first.id())).isTrue();
        assertThat(t.size()).isZero();
    }

    @Test
    void failed_shouldEvictABadContactAtOnceWhenTheReplacementCacheHasSomeone() {
        RoutingTable t = table(NodeConfig.defaults());
        List<Contact> added = fill(t, 8);
        Contact waiting = inBucket(159);
        t.insert(waiting);
        Contact flaky = added.get(3);

        t.failed(flaky.id());
        t.failed(flaky.id());
        assertThat(t.contains(flaky.id())).as("two failures of three").isTrue();
        assertThat(t.bucketEntries(159)).filteredOn(e -> e.contact().equals(flaky)).singleElement()
                .extracting(RoutingEntry::failures).isEqualTo(2);
        t.failed(flaky.id());

        assertThat(t.contains(flaky.id())).isFalse();
        assertThat(t.contains(waiting.id())).isTrue();
    }

    @Test
    void insert_shouldReplaceABadContactWhenTheBucketIsFull() {
        RoutingTable t = table(NodeConfig.defaults());
        List<Contact> added = fill(t, 8);
        Contact bad = added.get(5);
        for (int i = 0; i < 3; i++) {
            t.failed(bad.id()); // cache empty: the bad contact stays until someone can take its place
        }
        assertThat(t.contains(bad.id())).isTrue();
        Contact newcomer = inBucket(159);

        assertThat(t.insert(newcomer)).isEqualTo(new InsertOutcome.Added(159, bad));

        assertThat(t.contains(bad.id())).isFalse();
        assertThat(t.contains(newcomer.id())).isTrue();
        assertThat(t.size()).isEqualTo(8);
    }

    @Test
    void aReplyResetsTheFailureCount() {
        RoutingTable t = table(NodeConfig.defaults());
        List<Contact> added = fill(t, 8);
        Contact c = added.get(2);
        t.failed(c.id());
        t.failed(c.id());
        t.insert(c); // heard from again
        t.failed(c.id());
        t.failed(c.id());
        assertThat(t.insert(inBucket(159))).as("two failures since the last reply: not bad yet")
                .isInstanceOf(InsertOutcome.BucketFull.class);
        t.seen(c.id());
        assertThat(t.bucketEntries(159).get(7).failures()).isZero();
    }

    @Test
    void insert_shouldReplaceTheOldestContactWhenOldContactsAreNotPreferred() {
        RoutingTable t = table(NodeConfig.defaults().withEvictionRules(false, false));
        List<Contact> added = fill(t, 8);
        t.insert(added.get(0)); // refreshed: the oldest by last-seen is now added[1]
        Contact newcomer = inBucket(159);

        assertThat(t.insert(newcomer)).isEqualTo(new InsertOutcome.Added(159, added.get(1)));

        assertThat(t.contains(added.get(1).id())).isFalse();
        assertThat(t.contains(newcomer.id())).isTrue();
    }

    @Test
    void policies_shouldRejectWithTheirReasonAndLeaveTheTableUnchanged() {
        RoutingTable t = table(NodeConfig.defaults());
        Contact known = inBucket(159);
        t.insert(known);
        List<Integer> consultedForBucket = new ArrayList<>();
        ContactPolicy ipLimit = (candidate, table, bucket) -> {
            consultedForBucket.add(bucket);
            return candidate.address().slash24() == NodeAddress.of(10, 6, 6, 0, 0).slash24()
                    ? Optional.of("ip-limit: 10.6.6.0/24") : Optional.empty();
        };
        t.addPolicy(ipLimit);

        Contact sybil = new Contact(self.randomInBucketOf(0, rng), NodeAddress.of(10, 6, 6, 1, 6881));
        assertThat(t.insert(sybil)).isEqualTo(new InsertOutcome.Rejected("ip-limit: 10.6.6.0/24"));
        assertThat(t.contains(sybil.id())).isFalse();
        assertThat(consultedForBucket).containsExactly(159);

        assertThat(t.insert(known)).as("known contacts are refreshed without asking the policy")
                .isEqualTo(new InsertOutcome.AlreadyExisted(159));
        assertThat(consultedForBucket).hasSize(1);
        assertThat(t.insert(inBucket(100))).isEqualTo(new InsertOutcome.Added(100, null));

        t.removePolicy(ipLimit);
        assertThat(t.insert(sybil)).isEqualTo(new InsertOutcome.Added(159, null));
    }

    @Test
    void closest_shouldReturnTheNNearestByXorDistanceNearestFirst() {
        RoutingTable t = table(NodeConfig.defaults());
        for (int i = 0; i < 200; i++) {
            t.insert(new Contact(NodeId.random(rng), NodeAddress.of(127, 1, i >>> 8, i & 0xFF, 6881)));
        }
        NodeId target = NodeId.random(rng);
        List<Contact> all = new ArrayList<>(t.contacts());
        all.sort(Comparator.comparing(c -> new java.math.BigInteger(1, c.id().xor(target).toBytes())));

        assertThat(t.closest(target, 8)).containsExactlyElementsOf(all.subList(0, 8));
        assertThat(t.closest(target, 10_000)).hasSize(t.size());
    }

    @Property(tries = 300)
    void closest_shouldMatchABruteForceSortForAnyTableAndTarget(@ForAll long seed,
                                                                 @ForAll @IntRange(max = 400) int contacts,
                                                                 @ForAll @IntRange(min = 1, max = 40) int n) {
        SplittableRandom r = new SplittableRandom(seed);
        NodeId me = NodeId.random(r);
        RoutingTable t = new RoutingTable(me, NodeConfig.defaults(), clock);
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            // Half uniform (far buckets), half near the own id (deep buckets).
            NodeId id = r.nextBoolean() ? NodeId.random(r) : me.randomInBucketOf(1 + r.nextInt(30), r);
            t.insert(new Contact(id, NodeAddress.of(127, 2, i >>> 8, i & 0xFF, 6881)));
            ids.add(id);
        }
        List<NodeId> targets = new ArrayList<>(List.of(NodeId.random(r), me, me.flipBit(159), me.flipBit(0),
                me.randomInBucketOf(r.nextInt(40), r)));
        if (!ids.isEmpty()) {
            targets.add(ids.get(r.nextInt(ids.size())));
        }
        for (NodeId target : targets) {
            List<Contact> brute = t.contacts().stream().sorted((x, y) -> target.compareDistance(x.id(), y.id()))
                    .limit(n).toList();
            assertThat(t.closest(target, n)).as("target %s", target).containsExactlyElementsOf(brute);
        }
    }

    @Test
    void bucketLastChanged_shouldTrackAdditionsAndBeMinusOneForUnusedBuckets() {
        RoutingTable t = table(NodeConfig.defaults());
        assertThat(t.bucketLastChanged(159)).isEqualTo(-1);
        clock.advance(500);
        t.insert(inBucket(159));
        assertThat(t.bucketLastChanged(159)).isEqualTo(500);
    }
}
