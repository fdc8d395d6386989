package io.p2ptestbed.adversary.kademlia.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.SimLab;
import io.p2ptestbed.adversary.sybil.SybilIdentity;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScriptedPeerTest {

    private final SimLab lab = new SimLab(41).grow(20, NodeConfig.defaults());
    private final Collusion collusion = new Collusion();

    private ScriptedPeer peer(int host, Behaviour b) {
        ScriptedPeer p = new ScriptedPeer(new SybilIdentity(NodeId.random(lab.rng()), NodeAddress.of(127, 201, 0, host, 6881)),
                b, collusion, lab.attackContext());
        p.start();
        return p;
    }

    private QueryOutcome ask(ScriptedPeer from, java.util.function.Function<byte[], KrpcQuery> q, NodeAddress to) {
        return lab.await(from.query(to, q), 10_000);
    }

    @Test
    void aScriptedPeerSpeaksRealKrpcWithAKademliaNode() {
        ScriptedPeer p = peer(1, new Behaviour.Honest());
        KademliaNode honest = lab.nodes.get(3);
        QueryOutcome o = lab.await(p.findNode(honest.address(), NodeId.random(lab.rng())), 10_000);
        assertThat(o).isInstanceOf(QueryOutcome.Answered.class);
        assertThat(((QueryOutcome.Answered) o).response().nodes()).hasSize(8);
        assertThat(lab.await(honest.ping(p.address()), 10_000)).as("the real node's ping is answered").isTrue();
        assertThat(honest.table().contains(p.self())).as("and the Sybil got into its table").isTrue();
    }

    @Test
    void honestSybilsStoreAnnouncesWithValidTokensAndRejectBadOnes() {
        ScriptedPeer sybil = peer(1, new Behaviour.Honest());
        ScriptedPeer client = peer(2, new Behaviour.Honest());
        NodeId key = NodeId.random(lab.rng());
        KrpcResponse r = ((QueryOutcome.Answered) lab.await(client.getPeers(sybil.address(), key), 5_000)).response();
        assertThat(r.token()).isNotNull();
        assertThat(lab.await(client.announcePeer(sybil.address(), key, 4444, new byte[] {9}), 5_000))
                .isInstanceOf(QueryOutcome.Refused.class);
        assertThat(lab.await(client.announcePeer(sybil.address(), key, 4444, r.token()), 5_000))
                .isInstanceOf(QueryOutcome.Answered.class);
        assertThat(sybil.storedPeers(key, 10)).containsExactly(new NodeAddress(client.address().ip(), 4444));
    }

    @Test
    void collusionOnlyRoutingReturnsCloserColludersAndNothingElse() {
        ScriptedPeer liar = peer(1, new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.COLLUDERS_ONLY));
        for (int i = 2; i < 12; i++) {
            peer(i, new Behaviour.Honest());
        }
        ScriptedPeer client = peer(20, new Behaviour.Honest());
        collusion.unregister(client.contact());
        lab.await(client.findNode(lab.nodes.get(0).address(), NodeId.random(lab.rng())), 5_000); // learns honest contacts
        NodeId target = NodeId.random(lab.rng());
        KrpcResponse r = ((QueryOutcome.Answered) ask(client, tid -> new KrpcQuery.FindNode(tid, client.self(), target),
                liar.address())).response();
        assertThat(r.nodes()).allSatisfy(c -> {
            assertThat(collusion.isMember(c.id())).isTrue();
            assertThat(target.compareDistance(c.id(), liar.self())).isNegative();
        });
    }

    @Test
    void forgedAddressesPairHonestIdsWithColluderAddresses() {
        ScriptedPeer liar = peer(1, new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.FORGED_ADDRESSES));
        lab.await(liar.join(lab.seeds()), 20_000);
        NodeId target = NodeId.random(lab.rng());
        List<NodeId> honestIds = lab.nodes.stream().map(KademliaNode::id).toList();
        ScriptedPeer client = peer(2, new Behaviour.Honest());
        collusion.unregister(client.contact());
        KrpcResponse r = ((QueryOutcome.Answered) lab.await(client.findNode(liar.address(), target), 5_000)).response();
        assertThat(r.nodes()).isNotEmpty().allSatisfy(c -> {
            assertThat(honestIds).contains(c.id());
            assertThat(collusion.isMemberAddress(c.address())).isTrue();
        });
    }

    @Test
    void aBlackholeAcceptsQueriesAndAnswersOnlyPingsWhenAsked() {
        ScriptedPeer hole = peer(1, new Behaviour.Blackhole(true));
        ScriptedPeer client = peer(2, new Behaviour.Honest());
        assertThat(lab.await(client.ping(hole.address()), 5_000)).isInstanceOf(QueryOutcome.Answered.class);
        assertThat(lab.await(client.findNode(hole.address(), NodeId.random(lab.rng())), 5_000)).isInstanceOf(QueryOutcome.TimedOut.class);
        hole.setBehaviour(new Behaviour.Blackhole(false));
        assertThat(lab.await(client.ping(hole.address()), 5_000)).isInstanceOf(QueryOutcome.TimedOut.class);
        assertThat(hole.stats().silentDrops()).isEqualTo(2);
        assertThat(hole.stats().queriesIn()).isEqualTo(3);
    }

    @Test
    void indexPoisoningAnswersGetPeersWithBogusValuesForTheChosenKeyOnly() {
        NodeId key = NodeId.random(lab.rng());
        List<NodeAddress> bogus = List.of(NodeAddress.parse("127.202.0.1:1"), NodeAddress.parse("127.202.0.2:2"));
        ScriptedPeer poisoner = peer(1, new Behaviour.IndexPoisoning(Set.of(key), bogus));
        KrpcResponse r = ((QueryOutcome.Answered) lab.await(peer(2, new Behaviour.Honest()).getPeers(poisoner.address(), key), 5_000)).response();
        assertThat(r.values()).containsExactlyElementsOf(bogus);
        assertThat(r.token()).isNotNull();
        KrpcResponse other = ((QueryOutcome.Answered) lab.await(peer(3, new Behaviour.Honest())
                .getPeers(poisoner.address(), NodeId.random(lab.rng())), 5_000)).response();
        assertThat(other.values()).isEmpty();
    }
}
