package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import org.junit.jupiter.api.Test;

/** The certified-id cache gives PastryIds.bound's answer for every contact, before and after it starts again. */
class PastryCertifiedTest {

    @Test
    void bound_shouldAgreeWithTheSha1OfTheAddress_evenPastTheCacheBound() {
        PastryCertified cache = new PastryCertified(8);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20; i++) { // 20 addresses through a cache of 8: it empties and refills
                NodeAddress a = NodeAddress.of(127, 85, i / 250, 1 + i % 250, 7851);
                NodeId certified = PastryIds.forAddress(a);
                Contact honest = new Contact(certified, a);
                Contact otherHi = new Contact(new NodeId(certified.hi() ^ 1, certified.mid(), 0), a);
                Contact otherMid = new Contact(new NodeId(certified.hi(), certified.mid() ^ (1L << 63), 0), a);
                Contact lowBits = new Contact(new NodeId(certified.hi(), certified.mid(), 5), a);
                Contact elsewhere = new Contact(certified, NodeAddress.of(127, 85, 9, 9, 7852));
                assertThat(cache.bound(honest)).isTrue().isEqualTo(PastryIds.bound(honest));
                assertThat(cache.bound(otherHi)).isFalse().isEqualTo(PastryIds.bound(otherHi));
                assertThat(cache.bound(otherMid)).isFalse().isEqualTo(PastryIds.bound(otherMid));
                assertThat(cache.bound(lowBits)).isFalse().isEqualTo(PastryIds.bound(lowBits));
                assertThat(cache.bound(elsewhere)).isFalse().isEqualTo(PastryIds.bound(elsewhere));
            }
        }
    }
}
