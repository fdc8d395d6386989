package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The leaf set, routing table and neighbourhood set of one node, and the paper's routing step. */
class PastryStateTest {

    private static int port = 1;
    private final Map<Contact, Long> rtts = new HashMap<>();

    private static Contact contact(long hi) {
        return new Contact(new NodeId(hi, 0, 0), NodeAddress.of(127, 0, 0, 1, port++));
    }

    private PastryState state(Contact self, int leafSet, int neighbourhood) {
        PastryConfig d = PastryConfig.defaults();
        PastryConfig c = new PastryConfig(4, leafSet, neighbourhood, d.leafProbeMillis(), d.tableRepairMillis(),
                d.queryTimeoutMillis(), d.routeTimeoutMillis(), true);
        return new PastryState(self, c, x -> rtts.getOrDefault(x, -1L));
    }

    /**
     * The pong's leaf set, written from the sides' primitive words, is byte for byte the codec's encoding of
     * {@link PastryState#leafSet()}, through growth, removals, addresses with the top bit set, and small networks in
     * which a node sits on both sides (listed once).
     */
    @Test
    void leafSetBytes_shouldBeTheCodecsEncodingOfTheLeafSet() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(19);
        for (int round = 0; round < 40; round++) {
            Contact self = new Contact(new NodeId(rng.nextLong(), rng.nextLong(), 0), NodeAddress.of(10, 0, 0, 1, 6881));
            PastryState s = state(self, round % 2 == 0 ? 16 : 8, 0);
            List<Contact> offered = new ArrayList<>();
            int peers = 1 + rng.nextInt(round < 10 ? 6 : 60);
            for (int i = 0; i < peers; i++) {
                Contact c = new Contact(new NodeId(rng.nextLong(), rng.nextLong(), 0),
                        NodeAddress.of(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256), rng.nextInt(256),
                                1 + rng.nextInt(65535)));
                offered.add(c);
                s.offer(c);
                assertThat(s.leafSetBytes()).isEqualTo(PastryCodec.encodeList(s.leafSet()));
                if (rng.nextInt(4) == 0) {
                    s.remove(offered.get(rng.nextInt(offered.size())));
                    assertThat(s.leafSetBytes()).isEqualTo(PastryCodec.encodeList(s.leafSet()));
                }
            }
        }
    }

    @Test
    void leafSet_shouldKeepTheHalfClosestOnEachSide_wrappingAroundZero() {
        Contact self = contact(0x0100_0000_0000_0000L);
        PastryState s = state(self, 4, 0);
        List<Contact> all = new ArrayList<>();
        for (long hi : new long[] {0x0200_0000_0000_0000L, 0x0300_0000_0000_0000L, 0x0400_0000_0000_0000L,
                0x0080_0000_0000_0000L, 0xF000_0000_0000_0000L, 0xE000_0000_0000_0000L}) {
            all.add(contact(hi));
        }
        all.forEach(s::offer);
        assertThat(s.right()).extracting(c -> c.id().hi()).containsExactly(0x0200_0000_0000_0000L, 0x0300_0000_0000_0000L);
        assertThat(s.left()).extracting(c -> c.id().hi()).containsExactly(0x0080_0000_0000_0000L, 0xF000_0000_0000_0000L);
        assertThat(s.inLeafRange(new NodeId(0xF800_0000_0000_0000L, 0, 0))).isTrue();
        assertThat(s.inLeafRange(new NodeId(0x8000_0000_0000_0000L, 0, 0))).isFalse();
        s.remove(all.get(0));
        assertThat(s.right()).hasSize(1);
    }

    @Test
    void routingTable_shouldPlaceByPrefixAndDigit_andPreferTheNearerByRtt() {
        Contact self = contact(0x1234_0000_0000_0000L);
        PastryState s = state(self, 2, 2);
        Contact row0 = contact(0x5000_0000_0000_0000L);
        Contact row2far = contact(0x12F0_0000_0000_0000L);
        Contact row2near = contact(0x12F1_0000_0000_0000L);
        s.offer(row0);
        assertThat(s.entry(0, 5)).isEqualTo(row0);
        rtts.put(row2far, 80L);
        s.offer(row2far);
        assertThat(s.entry(2, 0xF)).isEqualTo(row2far);
        assertThat(s.offer(row2near).wantsRtt()).as("an unmeasured candidate for a taken slot is probed").isTrue();
        assertThat(s.entry(2, 0xF)).isEqualTo(row2far);
        rtts.put(row2near, 20L);
        s.offer(row2near);
        assertThat(s.entry(2, 0xF)).isEqualTo(row2near);
        assertThat(s.neighbourhood()).containsExactly(row2near, row2far);
        assertThat(s.filledRows()).isEqualTo(3);
    }

    @Test
    void nextHop_shouldFollowPrefixesThenTheLeafSet_andReachTheClosestNode() {
        SplittableRandom r = new SplittableRandom(3);
        List<Contact> nodes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            nodes.add(new Contact(PastryIds.random(r), NodeAddress.of(127, 0, 1, 1, 1 + i)));
        }
        Map<Contact, PastryState> states = new HashMap<>();
        for (Contact c : nodes) {
            PastryState s = state(c, 16, 0);
            nodes.forEach(s::offer);
            states.put(c, s);
        }
        for (int k = 0; k < 200; k++) {
            NodeId key = PastryIds.random(r);
            Contact at = nodes.get(r.nextInt(nodes.size()));
            int hops = 0;
            while (true) {
                PastryState.Hop h = states.get(at).nextHop(key, null);
                if (h.next().equals(at)) {
                    break;
                }
                at = h.next();
                hops++;
            }
            Contact owner = nodes.stream().min(Comparator.comparing(c -> c.id(),
                    (a, b) -> PastryIds.compareDistance(key, a, b))).orElseThrow();
            assertThat(at).isEqualTo(owner);
            assertThat(hops).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void nextHop_rareCase_shouldForwardToANumericallyCloserNodeWithAsLongAPrefix() {
        Contact self = contact(0x1000_0000_0000_0000L);
        PastryState s = state(self, 2, 0);
        s.offer(contact(0x1100_0000_0000_0000L));
        s.offer(contact(0x0F00_0000_0000_0000L));
        Contact closer = contact(0x1E00_0000_0000_0000L); // row 1, column E; the key wants column F
        s.offer(closer);
        s.offer(contact(0xA000_0000_0000_0000L)); // makes the leaf range a real range
        PastryState.Hop h = s.nextHop(new NodeId(0x1F00_0000_0000_0000L, 0, 0), null);
        assertThat(h.next()).isEqualTo(closer);
    }
}
