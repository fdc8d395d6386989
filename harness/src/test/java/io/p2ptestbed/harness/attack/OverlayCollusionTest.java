package io.p2ptestbed.harness.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import org.junit.jupiter.api.Test;

class OverlayCollusionTest {

    @Test
    void kademliaAndChordRegisterTheirColluders() {
        assertThat(OverlayCollusion.of("kademlia").support().strategies()).containsExactlyInAnyOrder(ColluderStrategy.values());
        assertThat(OverlayCollusion.of("chord").support().strategies())
                .containsExactlyInAnyOrder(ColluderStrategy.CLOSEST_COLLUDERS, ColluderStrategy.DROP);
    }

    @Test
    void chordRefusesWhatANextHopReplyCannotSayNamingWhatItCan() {
        assertThatThrownBy(() -> OverlayCollusion.of("chord").support().require(ColluderStrategy.FRESH_COLLUDERS,
                ColluderPresence.fromStart())).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Chord colluders cannot 'answer with fresh colluders for every query'")
                .hasMessageContaining("answer with the colluders closest to the key, drop lookup queries");
    }

    @Test
    void pastryRegistersItsColludersAndRefusesWhatARecursiveRouteCannotSay() {
        assertThat(OverlayCollusion.of("pastry").support().strategies()).containsExactlyInAnyOrder(
                ColluderStrategy.CLOSEST_COLLUDERS, ColluderStrategy.FABRICATED_CONTACTS, ColluderStrategy.DROP);
        assertThatThrownBy(() -> OverlayCollusion.of("pastry").support().require(ColluderStrategy.FRESH_COLLUDERS,
                ColluderPresence.turnAt(5))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Pastry colluders cannot 'answer with fresh colluders for every query'");
    }

    @Test
    void anOverlayWithoutAModelIsRefusedNamingTheOnesWithOne() {
        assertThatThrownBy(() -> OverlayCollusion.of("gnutella")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("the gnutella overlay has no colluding-adversary model yet")
                .hasMessageContaining("kademlia").hasMessageContaining("chord").hasMessageContaining("pastry");
    }
}
