package io.p2ptestbed.overlay.defence;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.InsertOutcome;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.kademlia.RoutingEntry;
import io.p2ptestbed.overlay.kademlia.RoutingTable;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IpDiversityTest {

    private final SplittableRandom rng = new SplittableRandom(11);
    private final NodeId self = NodeId.random(rng);
    private RoutingTable table;

    @BeforeEach
    void setUp() {
        table = new RoutingTable(self, NodeConfig.defaults(), new VirtualScheduler());
        table.addPolicy(new IpDiversityPolicy(IpDiversityConfig.defaults()));
    }

    private Contact inBucket(int bucket, String ip) {
        return new Contact(self.randomInBucketOf(NodeId.BITS - 1 - bucket, rng), NodeAddress.parse(ip + ":6881"));
    }

    @Test
    void insert_shouldRejectTheThirdContactOfOneSlash24InOneBucket() {
        assertThat(table.insert(inBucket(159, "127.201.0.1"))).isInstanceOf(InsertOutcome.Added.class);
        assertThat(table.insert(inBucket(159, "127.201.0.2"))).isInstanceOf(InsertOutcome.Added.class);

        assertThat(table.insert(inBucket(159, "127.201.0.3")))
                .isEqualTo(new InsertOutcome.Rejected("ip-diversity: /24 127.201.0 has 2 in bucket 159"));
        assertThat(table.insert(inBucket(159, "127.201.1.3"))).as("another /24").isInstanceOf(InsertOutcome.Added.class);
        assertThat(table.insert(inBucket(158, "127.201.0.3"))).as("another bucket").isInstanceOf(InsertOutcome.Added.class);
    }

    @Test
    void insert_shouldRejectTheEleventhContactOfOneSlash24InTheTable() {
        int host = 1;
        for (int bucket = 159; bucket > 154; bucket--) {
            for (int i = 0; i < 2; i++) {
                assertThat(table.insert(inBucket(bucket, "127.201.0." + host++))).isInstanceOf(InsertOutcome.Added.class);
            }
        }
        assertThat(table.insert(inBucket(154, "127.201.0." + host)))
                .isEqualTo(new InsertOutcome.Rejected("ip-diversity: /24 127.201.0 has 10 in table"));
    }

    @Test
    void aSybilSwarmFromOneSlash24_shouldGetAtMostTwoSlotsPerBucketAndTenInTotal() {
        SimLab lab = new SimLab(12);
        KademliaNode victim = lab.honestNodes(1).get(0);
        DefenceSet.parse("ip-diversity").install(victim);
        List<ScriptedPeer> sybils = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // spread over the victim's ten largest buckets, six per bucket
            NodeId id = victim.id().randomInBucketOf(i % 10, rng);
            ScriptedPeer s = new ScriptedPeer(lab, id, NodeAddress.of(127, 201, 0, 1 + i, 6881), (t, a) -> List.of());
            s.ping(victim.address(), i);
            sybils.add(s);
        }
        lab.scheduler.advance(2_000);

        Map<Integer, Integer> perBucket = new HashMap<>();
        for (RoutingEntry e : victim.table().entries()) {
            perBucket.merge(victim.table().bucketIndex(e.contact().id()), 1, Integer::sum);
        }
        assertThat(victim.table().size()).isEqualTo(10);
        assertThat(perBucket.values()).allMatch(n -> n <= 2);
        Map<String, Long> stats = victim.stats().snapshot();
        assertThat(stats).containsEntry("rejected[ip-diversity]", 50L)
                .containsEntry("defence.ip_diversity.rejected", 50L);
        assertThat(stats.get("defence.ip_diversity.rejected_bucket") + stats.get("defence.ip_diversity.rejected_table"))
                .isEqualTo(50L);
        assertThat(stats.get("defence.ip_diversity.rejected_table")).as("the table limit binds too").isPositive();
    }
}
