package io.p2ptestbed.adversary.kademlia.poison;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.SimLab;
import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.adversary.kademlia.peer.SybilSwarm;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.adversary.sybil.Placement;
import io.p2ptestbed.adversary.sybil.SybilFactory;
import io.p2ptestbed.adversary.sybil.SybilSpec;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import org.junit.jupiter.api.Test;

class IndexPoisoningTest {

    @Test
    void bogusAnnouncesWithValidTokensReachHonestGetPeers() {
        SimLab lab = new SimLab(21).grow(120, NodeConfig.defaults());
        NodeId infoHash = NodeId.random(lab.rng());
        SybilSwarm swarm = SybilSwarm.launch(new SybilFactory(lab.rng(), lab.attackContext().guard())
                        .create(SybilSpec.of(10, new Placement.Anywhere(), AddressPlan.slash24s(10, 6881))),
                new Behaviour.Honest(), lab.attackContext());

        PoisoningResult r = lab.await(new IndexPoisoningAttack(swarm, infoHash, 6666, lab.seeds()).run(200), 120_000);
        System.out.println(r);
        assertThat(r.announcesSent()).isPositive();
        assertThat(r.announcesAcked()).as("tokens came from the honest nodes' own get_peers replies").isEqualTo(r.announcesSent());
        assertThat(r.bogusPeers()).hasSize(10);

        LookupResult honest = lab.await(lab.nodes.get(77).getPeers(infoHash), 60_000);
        assertThat(honest.peers()).isNotEmpty().isSubsetOf(r.bogusPeers());
    }

    @Test
    void censorsClosestToAKeyHideItsPeers() {
        SimLab lab = new SimLab(23).grow(120, NodeConfig.defaults());
        NodeId key = NodeId.random(lab.rng());
        KademliaNode publisher = lab.nodes.get(5);
        KademliaNode consumer = lab.nodes.get(99);

        SybilSwarm censors = SybilSwarm.launch(new SybilFactory(lab.rng(), lab.attackContext().guard())
                        .create(SybilSpec.of(16, new Placement.NearKey(key, 24), AddressPlan.slash24s(16, 6881))),
                new Behaviour.Censorship(key, false), lab.attackContext());
        lab.await(censors.join(lab.seeds(), 50), 120_000);
        // the closest honest nodes meet the censors when these refresh nearby
        lab.advance(5_000);

        AnnounceResult published = lab.await(publisher.announce(key, 5555), 60_000);
        LookupResult found = lab.await(consumer.getPeers(key), 60_000);
        System.out.println("announced to " + published.attempted() + ", consumer found " + found.peers()
                + ", closest adversarial " + found.closest().stream().filter(c -> censors.collusion().isAdversarial(c)).count());
        assertThat(found.closest()).allMatch(censors.collusion()::isAdversarial);
        assertThat(found.peers()).doesNotContain(new NodeAddress(publisher.address().ip(), 5555));

        // control: the same key announced with the censors gone is found
        censors.close();
        lab.advance(20 * 60_000);
        lab.await(publisher.announce(key, 5555), 60_000);
        LookupResult control = lab.await(consumer.getPeers(key), 60_000);
        assertThat(control.peers()).containsExactly(new NodeAddress(publisher.address().ip(), 5555));
    }
}
