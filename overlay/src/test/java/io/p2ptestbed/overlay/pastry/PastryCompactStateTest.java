package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compact structures behind a node's state and requests: a leaf-set side on primitive arrays against a sorted
 * reference, the RTT table keyed by address, the neighbourhood set's re-placement after a new RTT (as a stable sort),
 * and the tid ring of pending requests.
 */
class PastryCompactStateTest {

    private static Contact contact(long hi, long mid, int host) {
        return new Contact(new NodeId(hi, mid, 0), NodeAddress.of(10, 0, host >>> 8 & 0xFF, host & 0xFF, 6881));
    }

    @Test
    void leafSide_shouldHoldTheNearestOnItsSide_likeASortedReference() {
        SplittableRandom rng = new SplittableRandom(3);
        NodeId self = new NodeId(rng.nextLong(), rng.nextLong(), 0);
        PastryLeafSide cw = new PastryLeafSide(self, true, 8);
        PastryLeafSide ccw = new PastryLeafSide(self, false, 8);
        List<Contact> seen = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Contact c = i % 5 == 4 ? seen.get(rng.nextInt(seen.size())) // offered again: no duplicate
                    : contact(rng.nextLong(), rng.nextLong(), i);
            if (!seen.contains(c)) {
                seen.add(c);
            }
            cw.insert(c);
            ccw.insert(c);
        }
        assertThat(cw.list()).containsExactlyElementsOf(nearest(self, seen, true));
        assertThat(ccw.list()).containsExactlyElementsOf(nearest(self, seen, false));
        Contact third = cw.get(2);
        assertThat(cw.contains(third)).isTrue();
        assertThat(cw.contains(new Contact(third.id(), NodeAddress.of(10, 9, 9, 9, 1)))).isFalse(); // same id, other address
        assertThat(cw.insert(new Contact(third.id(), NodeAddress.of(10, 9, 9, 9, 1)))).isTrue(); // kept beside it
        assertThat(cw.remove(third)).isTrue();
        assertThat(cw.remove(third)).isFalse();
        assertThat(cw.size()).isEqualTo(7);
        assertThat(cw.get(2).id()).isEqualTo(third.id());
    }

    private static List<Contact> nearest(NodeId self, List<Contact> all, boolean clockwise) {
        Comparator<Contact> byDistance = clockwise
                ? (a, b) -> PastryIds.compareClockwise(self, a.id(), b.id())
                : (a, b) -> PastryIds.compareCounterClockwise(self, a.id(), b.id());
        return all.stream().sorted(byDistance).limit(8).toList();
    }

    @Test
    void rtts_shouldKeepOneEntryPerAddress_andTellIdsApart() {
        PastryConfig config = PastryConfig.defaults();
        Contact self = contact(1, 1, 1);
        PastryState state = new PastryState(self, config, c -> -1);
        PastryRtts rtts = new PastryRtts(4);
        Contact a = contact(5, 5, 2);
        Contact sameAddress = new Contact(new NodeId(6, 6, 0), a.address());
        assertThat(rtts.get(a)).isEqualTo(PastryRtts.ABSENT);
        rtts.put(a, PastryRtts.PROBING, state);
        assertThat(rtts.get(a)).isEqualTo(PastryRtts.PROBING);
        rtts.put(a, 42, state);
        assertThat(rtts.get(a)).isEqualTo(42);
        assertThat(rtts.contains(sameAddress)).isFalse(); // another id at that address has no RTT here
        rtts.remove(sameAddress);
        assertThat(rtts.get(a)).isEqualTo(42);
        rtts.remove(a);
        assertThat(rtts.contains(a)).isFalse();
        // past the bound, only contacts in the state keep their RTTs
        Contact kept = contact(7, 7, 3);
        state.offer(kept);
        rtts.put(kept, 10, state);
        for (int i = 0; i < 4; i++) {
            rtts.put(contact(100 + i, 0, 10 + i), 20 + i, state);
        }
        assertThat(rtts.size()).isEqualTo(2);
        assertThat(rtts.get(kept)).isEqualTo(10);
        assertThat(rtts.get(contact(103, 0, 13))).isEqualTo(23);
    }

    @Test
    void rtts_shouldAgreeWithAReferenceMap_throughGrowthAndRemovals() {
        SplittableRandom rng = new SplittableRandom(12);
        PastryState state = new PastryState(contact(1, 1, 1), PastryConfig.defaults(), c -> -1);
        PastryRtts rtts = new PastryRtts(100_000);
        Map<NodeAddress, Contact> held = new HashMap<>();
        Map<NodeAddress, Long> rtt = new HashMap<>();
        List<Contact> pool = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // a small address space, so that probe chains collide and removals shift entries back
            pool.add(new Contact(new NodeId(rng.nextLong(), rng.nextLong(), 0),
                    NodeAddress.of(rng.nextInt(256), 0, 0, rng.nextInt(4), 1 + rng.nextInt(3))));
        }
        for (int step = 0; step < 40_000; step++) {
            Contact c = pool.get(rng.nextInt(pool.size()));
            switch (rng.nextInt(3)) {
                case 0, 1 -> {
                    long ms = rng.nextInt(5) == 0 ? PastryRtts.PROBING : rng.nextInt(1_000);
                    rtts.put(c, ms, state);
                    held.put(c.address(), c);
                    rtt.put(c.address(), ms);
                }
                default -> {
                    rtts.remove(c);
                    if (c.equals(held.get(c.address()))) {
                        held.remove(c.address());
                        rtt.remove(c.address());
                    }
                }
            }
            Contact probe = pool.get(rng.nextInt(pool.size()));
            long expected = probe.equals(held.get(probe.address())) ? rtt.get(probe.address()) : PastryRtts.ABSENT;
            assertThat(rtts.get(probe)).as("step %d, %s", step, probe).isEqualTo(expected);
        }
        assertThat(rtts.size()).isEqualTo(held.size());
        for (Contact c : held.values()) {
            assertThat(rtts.get(c)).isEqualTo(rtt.get(c.address()));
        }
    }

    @Test
    void neighbourhood_shouldMoveARemeasuredMember_asAStableSortWould() {
        PastryConfig d = PastryConfig.defaults();
        PastryConfig config = new PastryConfig(4, 2, 5, d.leafProbeMillis(), d.tableRepairMillis(), d.queryTimeoutMillis(),
                d.routeTimeoutMillis(), true);
        Map<Contact, Long> rtt = new HashMap<>();
        PastryState s = new PastryState(contact(0, 0, 1), config, c -> rtt.getOrDefault(c, -1L));
        List<Contact> members = new ArrayList<>();
        long[] ms = {10, 20, 20, 20, 30};
        for (int i = 0; i < ms.length; i++) {
            Contact c = contact(0x1000_0000_0000_0000L * (i + 1), i, 10 + i);
            rtt.put(c, ms[i]);
            s.offer(c);
            members.add(c);
        }
        assertThat(s.neighbourhood()).containsExactlyElementsOf(members);
        // member 3 (20 ms) now 20 ms again: stays between member 2 and member 4; member 0 becomes 20 ms: before 1, 2, 3
        s.neighbourMeasured(members.get(3), 20);
        assertThat(s.neighbourhood()).containsExactlyElementsOf(members);
        rtt.put(members.get(0), 20L);
        s.neighbourMeasured(members.get(0), 20);
        assertThat(s.neighbourhood()).containsExactlyElementsOf(members);
        rtt.put(members.get(1), 25L);
        s.neighbourMeasured(members.get(1), 25);
        List<Contact> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingLong(rtt::get)); // stable
        assertThat(s.neighbourhood()).containsExactlyElementsOf(sorted);
    }

    @Test
    void rpc_shouldMatchManyRepliesByTid_andRefuseOthers() {
        VirtualScheduler scheduler = new VirtualScheduler();
        SimNetwork net = new SimNetwork(scheduler, new SplittableRandom(1), LatencyModel.uniform(1, 1), 0);
        Transport t = net.open(NodeAddress.of(10, 0, 0, 1, 6881));
        NodeAddress peer = NodeAddress.of(10, 0, 0, 2, 6881);
        net.open(peer);
        long[] counters = new long[PastryCounter.values().length];
        PastryRpc rpc = new PastryRpc(t, scheduler, 1000, counters, Integer.MAX_VALUE - 100); // tids wrap around
        List<Integer> tids = new ArrayList<>();
        int[] answered = {0};
        int[] timedOut = {0};
        for (int i = 0; i < 300; i++) { // more than the ring's first size: it grows
            int tid = rpc.newTid();
            tids.add(tid);
            rpc.request(peer, new PastryMessage.Ping(tid, new NodeId(1, 1, 0)), r -> answered[0]++, () -> timedOut[0]++);
        }
        assertThat(tids).doesNotHaveDuplicates();
        for (int i = 0; i < 300; i += 2) {
            assertThat(rpc.complete(peer, new PastryMessage.Ack(tids.get(i), new NodeId(2, 2, 0)))).isTrue();
        }
        assertThat(rpc.complete(peer, new PastryMessage.Ack(tids.get(0), new NodeId(2, 2, 0)))).isFalse(); // answered
        assertThat(rpc.complete(NodeAddress.of(10, 0, 0, 3, 6881), new PastryMessage.Ack(tids.get(1), new NodeId(2, 2, 0))))
                .isFalse(); // from another address
        scheduler.advance(2_000);
        assertThat(answered[0]).isEqualTo(150);
        assertThat(timedOut[0]).isEqualTo(150);
        assertThat(counters[PastryCounter.UNMATCHED_REPLIES.ordinal()]).isEqualTo(2);
    }
}
