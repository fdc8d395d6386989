package io.p2ptestbed.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.spi.ValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Chord on the deterministic simulator, seen through the SPI (plus ChordView for ring pointers). */
class ChordRingSimTest {

    @Test
    void ringOf200_shouldStabiliseAndRouteEveryKeyToItsSuccessor() {
        ChordSim sim = new ChordSim(1, Map.of());
        sim.grow(200, 50);
        assertThat(sim.stabilize(120_000)).as("ring correct, wrong pointers %d", sim.wrongPointers()).isTrue();
        sim.scheduler.advance(10_000); // a list of r = 8 is complete r stabilize rounds after the first pointers
        ChordRing truth = sim.truth();
        for (OverlayNode n : sim.live()) {
            List<NodeId> list = ChordSim.view(n).successors().stream().map(c -> c.id()).toList();
            assertThat(list).as("successor list of %s", n).containsExactly(truth.successorsOfNode(n.id(), 8));
        }
        List<RouteResult> rs = sim.lookups(2000, new SplittableRandom(7));
        assertThat(sim.correctShare(rs)).isEqualTo(1.0);
    }

    @Test
    void putAndGet_shouldStoreAtTheKeysSuccessor() {
        ChordSim sim = new ChordSim(2, Map.of());
        sim.grow(100, 50);
        assertThat(sim.stabilize(120_000)).isTrue();
        SplittableRandom r = new SplittableRandom(3);
        List<NodeId> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            NodeId key = NodeId.random(r);
            keys.add(key);
            OverlayNode from = sim.nodes.get(r.nextInt(sim.nodes.size()));
            ValueStore.PutResult p = sim.await(from.require(ValueStore.class, "put").put(key, ("v" + i).getBytes()));
            assertThat(p.stored()).isTrue();
        }
        for (int i = 0; i < keys.size(); i++) {
            OverlayNode from = sim.nodes.get(r.nextInt(sim.nodes.size()));
            ValueStore.GetResult g = sim.await(from.require(ValueStore.class, "get").get(keys.get(i)));
            assertThat(g.found()).isTrue();
            assertThat(new String(g.value())).isEqualTo("v" + i);
            assertThat(g.from().id()).isEqualTo(sim.truth().successorOf(keys.get(i)));
        }
    }

    @Test
    void keys_shouldMoveToANewNodeOnJoinAndToTheSuccessorOnGracefulLeave() {
        ChordSim sim = new ChordSim(4, Map.of());
        sim.grow(40, 50);
        assertThat(sim.stabilize(120_000)).isTrue();
        SplittableRandom r = new SplittableRandom(5);
        List<NodeId> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            NodeId key = NodeId.random(r);
            keys.add(key);
            sim.await(sim.nodes.get(0).require(ValueStore.class, "put").put(key, new byte[] {(byte) i}));
        }
        assertThat(misplaced(sim, keys)).isZero();

        sim.grow(10, 200);
        assertThat(sim.stabilize(120_000)).isTrue();
        sim.scheduler.advance(5_000);
        long joinedHolding = sim.nodes.subList(40, 50).stream().mapToInt(n -> n.require(ValueStore.class, "x").storedValues()).sum();
        assertThat(joinedHolding).as("the new nodes took their keys from their successors").isPositive();
        assertThat(misplaced(sim, keys)).as("every key at its owner after joins").isZero();

        List<OverlayNode> leaving = sim.nodes.subList(5, 15);
        for (OverlayNode n : leaving) {
            sim.await(n.capability(ChordView.class).orElseThrow().leave());
            assertThat(n.isRunning()).isFalse();
        }
        assertThat(sim.stabilize(120_000)).isTrue();
        assertThat(misplaced(sim, keys)).as("every key at its owner after graceful leaves").isZero();
        int total = sim.live().stream().mapToInt(n -> n.require(ValueStore.class, "x").storedValues()).sum();
        assertThat(total).isEqualTo(keys.size());
    }

    @Test
    void replicatedValues_shouldSurviveTheirOwnersCrash() {
        ChordSim sim = new ChordSim(13, Map.of("replicas", "2"));
        sim.grow(60, 50);
        assertThat(sim.stabilize(120_000)).isTrue();
        sim.scheduler.advance(10_000);
        SplittableRandom r = new SplittableRandom(14);
        List<NodeId> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            NodeId key = NodeId.random(r);
            keys.add(key);
            assertThat(sim.await(sim.nodes.get(1).require(ValueStore.class, "put").put(key, new byte[] {(byte) i})).replicas())
                    .isEqualTo(3);
        }
        ChordRing before = sim.truth();
        Map<NodeId, OverlayNode> byId = new java.util.HashMap<>();
        sim.nodes.forEach(n -> byId.put(n.id(), n));
        // crash the owners of some keys whose two replica holders stay up
        java.util.Set<NodeId> crashed = new java.util.HashSet<>();
        List<Integer> checked = new ArrayList<>();
        for (int i = 0; i < keys.size() && crashed.size() < 5; i++) {
            NodeId owner = before.successorOf(keys.get(i));
            List<NodeId> replicas = List.of(before.successorsOfNode(owner, 2));
            if (owner.equals(sim.nodes.get(1).id()) || replicas.stream().anyMatch(crashed::contains)
                    || crashed.stream().anyMatch(c -> List.of(before.successorsOfNode(c, 2)).contains(owner))) {
                continue;
            }
            crashed.add(owner);
            checked.add(i);
        }
        crashed.forEach(id -> byId.get(id).stop());
        sim.scheduler.advance(10_000);
        assertThat(sim.stabilize(120_000)).isTrue();
        assertThat(checked).hasSizeGreaterThanOrEqualTo(3);
        for (int i : checked) {
            ValueStore.GetResult g = sim.await(sim.nodes.get(1).require(ValueStore.class, "get").get(keys.get(i)));
            assertThat(g.found()).as("key %d after its owner crashed", i).isTrue();
            assertThat(g.value()).containsExactly((byte) i);
        }
    }

    /** Keys not held by their true owner. */
    private static long misplaced(ChordSim sim, List<NodeId> keys) {
        ChordRing t = sim.truth();
        Map<NodeId, OverlayNode> byId = new java.util.HashMap<>();
        sim.live().forEach(n -> byId.put(n.id(), n));
        return keys.stream().filter(k -> !((ChordNode) byId.get(t.successorOf(k))).store().keys().contains(k)).count();
    }

    @Test
    void crashOf20PercentAtOnce_shouldBeRepairedThroughSuccessorLists() {
        ChordSim sim = new ChordSim(6, Map.of());
        sim.grow(300, 50);
        assertThat(sim.stabilize(120_000)).isTrue();
        sim.scheduler.advance(60_000);
        SplittableRandom r = new SplittableRandom(8);
        List<OverlayNode> shuffled = new ArrayList<>(sim.nodes);
        java.util.Collections.shuffle(shuffled, new java.util.Random(9));
        shuffled.subList(0, 60).forEach(OverlayNode::stop);
        assertThat(sim.stabilize(120_000)).as("wrong pointers %d", sim.wrongPointers()).isTrue();
        List<RouteResult> rs = sim.lookups(2000, r);
        assertThat(sim.correctShare(rs)).isEqualTo(1.0);
    }

    @Test
    void meanPathLength_at1024Nodes_shouldBeAboutHalfLog2N() {
        ChordSim sim = new ChordSim(10, Map.of());
        sim.grow(1024, 20);
        assertThat(sim.stabilize(300_000)).isTrue();
        sim.scheduler.advance(120_000); // let fix_fingers fill the tables
        List<RouteResult> rs = sim.lookups(5000, new SplittableRandom(11));
        double mean = rs.stream().mapToInt(RouteResult::hops).average().orElseThrow();
        System.out.printf("chord N=1024: mean path length %.3f hops (1/2 log2 N = 5)%n", mean);
        assertThat(sim.correctShare(rs)).isEqualTo(1.0);
        assertThat(mean).isBetween(4.0, 6.0);
    }

    @Test
    void sameSeed_shouldGiveIdenticalResults() {
        assertThat(fingerprint(12)).isEqualTo(fingerprint(12));
    }

    private static List<String> fingerprint(long seed) {
        ChordSim sim = new ChordSim(seed, Map.of());
        sim.grow(80, 30);
        sim.stabilize(60_000);
        List<String> out = new ArrayList<>();
        for (RouteResult r : sim.lookups(200, new SplittableRandom(seed))) {
            out.add(r.key() + ">" + r.owner() + "/" + r.hops() + "/" + r.messages() + "/" + r.endMillis());
        }
        sim.nodes.forEach(n -> out.add(n.id() + ":" + n.neighbours() + n.counters()));
        out.add("events " + sim.scheduler.executedEvents() + " t " + sim.scheduler.nowMillis());
        return out;
    }
}
