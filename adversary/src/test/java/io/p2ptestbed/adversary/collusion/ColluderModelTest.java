package io.p2ptestbed.adversary.collusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.kademlia.peer.Collusion;
import io.p2ptestbed.adversary.kademlia.peer.CollusionPlan;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColluderModelTest {

    @Test
    void everyStrategyReadsItsPhraseAndItsName() {
        for (ColluderStrategy s : ColluderStrategy.values()) {
            assertThat(ColluderStrategy.parse(s.phrase())).isEqualTo(s);
            assertThat(ColluderStrategy.parse(s.name().toLowerCase().replace('_', '-'))).isEqualTo(s);
            assertThat(ColluderStrategy.PHRASES.split("\\|")).contains(s.phrase());
        }
        assertThatThrownBy(() -> ColluderStrategy.parse("lie a lot")).hasMessageContaining("unknown colluder strategy 'lie a lot'")
                .hasMessageContaining("answer with the same few colluders");
    }

    @Test
    void anOverlayRefusesWhatItLacksNamingWhatItSupports() {
        CollusionSupport s = new CollusionSupport("Ring", EnumSet.of(ColluderStrategy.DROP), false, "");
        s.require(ColluderStrategy.DROP, ColluderPresence.fromStart());
        assertThatThrownBy(() -> s.require(ColluderStrategy.FRESH_COLLUDERS, ColluderPresence.fromStart()))
                .hasMessage("Ring colluders cannot 'answer with fresh colluders for every query'; they support: drop lookup queries");
        assertThatThrownBy(() -> s.require(ColluderStrategy.DROP, ColluderPresence.turnAt(5000)))
                .hasMessageContaining("present from the start only");
        assertThatThrownBy(() -> ColluderPresence.turnAt(-1)).hasMessageContaining(">= 0");
        assertThat(ColluderPresence.turnAt(10).lyingAt(9)).isFalse();
        assertThat(ColluderPresence.turnAt(10).lyingAt(10)).isTrue();
        assertThat(CollusionPlan.SUPPORT.strategies()).containsExactlyInAnyOrder(ColluderStrategy.values());
    }

    @Test
    void freshColludersNeverRepeatForOneQuerierAndKeyButStartOverForAnother() {
        Collusion c = new Collusion();
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            c.register(new Contact(NodeId.random(rng), NodeAddress.of(127, 9, 0, 1 + i, 7000)));
        }
        NodeId key = NodeId.random(rng);
        NodeAddress querier = NodeAddress.of(127, 1, 0, 1, 7000);
        Set<NodeId> given = new HashSet<>();
        List<Contact> first = c.freshMembers(querier, key, 16, null);
        assertThat(first).hasSize(16);
        assertThat(first).containsExactlyElementsOf(c.closestMembers(key, 16, null));
        first.forEach(x -> given.add(x.id()));
        for (int round = 0; round < 5; round++) {
            for (Contact x : c.freshMembers(querier, key, 16, null)) {
                assertThat(given.add(x.id())).as("colluder %s handed out twice", x).isTrue();
            }
        }
        assertThat(given).hasSize(96);
        assertThat(c.freshMembers(querier, key, 16, null)).as("only 4 left").hasSize(4);
        assertThat(c.freshMembers(NodeAddress.of(127, 1, 0, 2, 7000), key, 16, null)).containsExactlyElementsOf(first);
        NodeId queried = first.get(0).id();
        NodeAddress other = NodeAddress.of(127, 1, 0, 3, 7000);
        c.markUsed(other, key, queried);
        assertThat(c.freshMembers(other, key, 16, null)).extracting(Contact::id).doesNotContain(queried);
    }
}
