package io.p2ptestbed.overlay.defence;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.DisjointLookupResult;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DisjointLookupTest {

    private final SimLab lab = new SimLab(41);
    private final SplittableRandom rng = lab.seed.split();
    private List<KademliaNode> nodes;

    @BeforeEach
    void join() {
        nodes = lab.honestNodes(80);
        lab.joinAll(nodes);
    }

    @Test
    void disjointLookup_shouldNeverQueryANodeOnTwoPaths_andShouldFindTheTrueClosest() {
        for (int i = 0; i < 50; i++) {
            KademliaNode asker = nodes.get(rng.nextInt(nodes.size()));
            NodeId target = NodeId.random(rng);
            DisjointLookupResult r = lab.await(asker.disjointLookupPaths(target, LookupKind.FIND_NODE, 4, 1));

            assertThat(r.paths()).hasSize(4);
            Set<NodeId> used = new HashSet<>();
            int queried = 0;
            for (List<Contact> path : r.queried()) {
                for (Contact c : path) {
                    assertThat(used.add(c.id())).as("%s queried on two paths", c).isTrue();
                    queried++;
                }
            }
            assertThat(r.merged().queries()).isEqualTo(queried);
            assertThat(r.merged().closest().get(0).id()).isEqualTo(SimLab.trueClosest(nodes, asker, target, 1).get(0));
            assertThat(r.merged().closest()).extracting(Contact::id)
                    .containsExactlyElementsOf(SimLab.trueClosest(nodes, asker, target, 8));
        }
    }

    @Test
    void aSinglePoisoningNode_shouldSpoilAtMostOnePath() {
        KademliaNode asker = nodes.get(0);
        NodeId target = asker.id().randomInBucketOf(6, rng); // a sparse bucket, with room for Mallory
        // Mallory sits next to the target in the asker's table and answers only with herself, a dead end
        NodeId malloryId = target.flipBit(159);
        ScriptedPeer mallory = new ScriptedPeer(lab, malloryId, NodeAddress.parse("127.201.0.1:6881"), (t, a) -> List.of());
        mallory.ping(asker.address(), 1);
        lab.scheduler.advance(1_000);
        assertThat(asker.table().closest(target, 1).get(0).id()).isEqualTo(malloryId);

        DisjointLookupResult r = lab.await(asker.disjointLookupPaths(target, LookupKind.FIND_NODE, 3, 1));

        List<Integer> pathsThroughMallory = new ArrayList<>();
        for (int p = 0; p < r.queried().size(); p++) {
            if (r.queried().get(p).stream().anyMatch(c -> c.id().equals(malloryId))) {
                pathsThroughMallory.add(p);
            }
        }
        assertThat(pathsThroughMallory).hasSize(1);
        List<NodeId> honestTruth = SimLab.trueClosest(nodes, asker, target, 1);
        assertThat(r.merged().closest()).extracting(Contact::id).contains(honestTruth.get(0));
    }

    @Test
    void lookup_shouldGoDisjointWhenTheDefenceIsInstalled_andPlainAgainWhenRemoved() {
        KademliaNode asker = nodes.get(3);
        InstalledDefences d = DefenceSet.parse("disjoint(d=4,alpha=1)").install(asker);
        assertThat(asker.lookupPaths()).isEqualTo(4);
        NodeId target = NodeId.random(rng);

        LookupResult r = lab.await(asker.findNode(target));
        assertThat(r.closest().get(0).id()).isEqualTo(SimLab.trueClosest(nodes, asker, target, 1).get(0));
        assertThat(d.counters().get("defence.disjoint.paths_finished")).isEqualTo(4L);

        d.uninstall();
        assertThat(asker.lookupPaths()).isEqualTo(1);
        lab.await(asker.findNode(target));
        assertThat(asker.stats().snapshot()).doesNotContainKey("defence.disjoint.paths_finished");
    }

    @Test
    void siblingList_shouldHoldTheTrueClosestNodesToTheOwnId() {
        lab.scheduler.advance(20 * 60_000); // a bucket-refresh round
        int exact = 0;
        for (KademliaNode n : nodes) {
            List<NodeId> truth = SimLab.trueClosest(nodes, n, n.id(), 8);
            List<NodeId> siblings = n.siblings().stream().map(Contact::id).limit(8).toList();
            assertThat(n.siblings()).hasSizeLessThanOrEqualTo(16);
            if (siblings.equals(truth)) {
                exact++;
            }
        }
        assertThat(exact).as("nodes whose 8 closest siblings are exactly the 8 true closest").isEqualTo(nodes.size());
    }
}
