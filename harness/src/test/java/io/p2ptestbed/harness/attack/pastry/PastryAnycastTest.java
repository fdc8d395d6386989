package io.p2ptestbed.harness.attack.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.pastry.PastryLiar;
import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryConfig.SecureRouting;
import io.p2ptestbed.overlay.pastry.PastryIds;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Castro et al.'s neighbour-set anycast ({@code secureRouting=redundant}) on small networks with turned colluders
 * (the paper's model: members that joined honestly keep their id and address and lie): it reaches the correct
 * replica roots of keys whose root is a colluder, where the leaf-set variant cannot; its rounds stop at three; and a
 * colluder answering with fabricated contacts is caught by the certified-id check, one answering with colluders only
 * by the density check. Deterministic from the seed.
 */
class PastryAnycastTest {

    private static final int NODES = 100;
    private static final int LEAF_SET = 16;

    /** What one run measured: per mode, the lookups that named all correct replica roots, and the node counters. */
    private record Outcome(Map<SecureRouting, Integer> complete, Map<SecureRouting, List<RouteResult>> results,
                           int keys, long rejected, long sparse, long rounds, long redundant, long lies) {}

    private static Outcome run(long seed, Map<String, String> params, PastryLie lie, double f, List<SecureRouting> modes) {
        Map<String, String> p = new HashMap<>(Map.of("constrainedTable", "true", "leafSet", String.valueOf(LEAF_SET)));
        p.putAll(params);
        Scenario s = new Scenario("anycast", RuntimeKind.SIMULATED, seed, NODES, 3, Protocols.get("pastry").params(p),
                10, 100, 0.0, 5);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            rt.start();
            rt.advance(10_000);
            PastryAttacks.Turned turned = new PastryAttacks.Turned(rt, new Seeds(seed).stream("colluders"), List.of());
            turned.turnUpTo(f, lie);
            rt.advance(10_000);
            List<NodeHandle> honest = rt.liveNodes();
            List<NodeId> all = new ArrayList<>(honest.stream().map(NodeHandle::id).toList());
            turned.colluders().members().stream().map(Contact::id).forEach(all::add);
            NodeId[] ring = all.stream().sorted(Comparator.comparing(PastryIds::big)).toArray(NodeId[]::new);
            BigInteger[] values = java.util.Arrays.stream(ring).map(PastryIds::big).toArray(BigInteger[]::new);
            RandomGenerator rng = new Seeds(seed).stream("keys");
            // keys whose root is a colluder when there are colluders (the case the leaf-set variant loses), else any
            List<NodeId> keys = new ArrayList<>();
            List<LocalNode> origins = new ArrayList<>();
            while (keys.size() < 20) {
                NodeId key = PastryIds.random(rng);
                NodeId root = all.stream().min((a, b) -> PastryIds.compareDistance(key, a, b)).orElseThrow();
                if (f == 0 || turned.colluders().contains(root)) {
                    keys.add(key);
                    origins.add((LocalNode) honest.get(rng.nextInt(honest.size())));
                }
            }
            Map<SecureRouting, Integer> complete = new HashMap<>();
            Map<SecureRouting, List<RouteResult>> results = new HashMap<>();
            for (SecureRouting mode : modes) {
                List<RouteResult> rs = CastroSweep.routeAll(rt, origins, keys, mode);
                int ok = 0;
                for (RouteResult r : rs) {
                    List<NodeId> correct = CastroSweep.replicaSet(r.key(), ring, values, LEAF_SET).stream()
                            .filter(id -> !turned.colluders().contains(id)).toList();
                    ok += r.reached().stream().map(Contact::id).toList().containsAll(correct) ? 1 : 0;
                }
                complete.put(mode, ok);
                results.put(mode, rs);
            }
            return new Outcome(complete, results, keys.size(), sum(rt, "defence.pastry.anycast_rejected"),
                    sum(rt, "defence.pastry.anycast_sparse"),
                    sum(rt, "defence.pastry.anycast_rounds"), sum(rt, "defence.pastry.redundant_routes"), turned.lies());
        }
    }

    private static long sum(SimulatedRuntime rt, String counter) {
        return rt.liveNodes().stream().mapToLong(n -> n.stats().getOrDefault(counter, 0L)).sum();
    }

    @Test
    void aColluderRootedKeyStillReachesItsCorrectReplicaRoots_whereTheLeafSetVariantDoesNot() {
        Outcome o = run(71, Map.of("bindIds", "true"), PastryLie.MISROUTE, 0.2,
                List.of(SecureRouting.REDUNDANT, SecureRouting.LEAFSET, SecureRouting.TEST, SecureRouting.TEST_LEAFSET));
        System.out.printf("colluder-rooted keys, f = 0.2: anycast %d of %d complete, leaf set %d, test (anycast "
                + "fallback) %d, test-leafset %d; %d answers rejected, %d flagged sparse, %d rounds of asking, %d lies%n",
                o.complete().get(SecureRouting.REDUNDANT), o.keys(), o.complete().get(SecureRouting.LEAFSET),
                o.complete().get(SecureRouting.TEST), o.complete().get(SecureRouting.TEST_LEAFSET), o.rejected(),
                o.sparse(), o.rounds(), o.lies());
        assertThat(o.complete().get(SecureRouting.REDUNDANT)).as("anycast, of %d keys", o.keys()).isEqualTo(o.keys());
        assertThat(o.complete().get(SecureRouting.LEAFSET)).as("leaf-set variant, of %d keys", o.keys()).isZero();
        // the paper's primitive: the colluder root's answer fails the routing failure test, and the anycast recovers
        assertThat(o.complete().get(SecureRouting.TEST)).as("test with the anycast fallback, of %d keys", o.keys())
                .isEqualTo(o.keys());
        assertThat(o.complete().get(SecureRouting.TEST_LEAFSET)).as("test with the leaf-set fallback, of %d keys",
                o.keys()).isZero();
        // a copy that met a colluder was answered with colluders only: too sparse, flagged by the density check
        assertThat(o.sparse()).isPositive();
        assertThat(o.rejected()).as("colluders name real (certified) colluders").isZero();
        assertThat(o.lies()).isPositive();
    }

    @Test
    void roundsStopAtThree_andEarlierWhenTheReplicaSetNoLongerChanges() {
        Outcome o = run(72, Map.of("bindIds", "true"), PastryLie.NONE, 0.0, List.of(SecureRouting.REDUNDANT));
        System.out.printf("honest network: %d of %d complete, %d rounds of asking over %d anycasts%n",
                o.complete().get(SecureRouting.REDUNDANT), o.keys(), o.rounds(), o.redundant());
        assertThat(o.complete().get(SecureRouting.REDUNDANT)).isEqualTo(o.keys());
        assertThat(o.redundant()).isEqualTo(o.keys());
        // the anycast, then at most two rounds of asking (three in all); an honest network needs at least one round
        // (the node that ends a copy holds the root, but its leaf set does not reach across the key on both sides)
        assertThat(o.rounds()).isBetween((long) o.keys(), 2L * o.keys());
        for (RouteResult r : o.results().get(SecureRouting.REDUNDANT)) {
            assertThat(r.reached()).hasSize(LEAF_SET);
        }
    }

    @Test
    void fabricatedNeighbourSetsAreCaughtByCertifiedIds_andWinWithoutThem() {
        Outcome certified = run(73, Map.of("bindIds", "true"), PastryLie.FABRICATE, 0.2, List.of(SecureRouting.REDUNDANT));
        Outcome open = run(73, Map.of(), PastryLie.FABRICATE, 0.2, List.of(SecureRouting.REDUNDANT));
        long fakeCertified = fabricated(certified.results().get(SecureRouting.REDUNDANT));
        long fakeOpen = fabricated(open.results().get(SecureRouting.REDUNDANT));
        System.out.printf("fabricated contacts in the answers: %d with certified ids (%d of %d complete, %d rejected), "
                + "%d without (%d complete)%n", fakeCertified, certified.complete().get(SecureRouting.REDUNDANT),
                certified.keys(), certified.rejected(), fakeOpen, open.complete().get(SecureRouting.REDUNDANT));
        assertThat(fakeCertified).isZero();
        assertThat(certified.rejected()).isPositive();
        assertThat(certified.complete().get(SecureRouting.REDUNDANT)).isEqualTo(certified.keys());
        assertThat(fakeOpen).as("without certified ids the fabricated contacts sit closest to the key").isPositive();
        assertThat(open.complete().get(SecureRouting.REDUNDANT)).isLessThan(open.keys());
    }

    @Test
    void theSameSeedGivesTheSameAnycasts() {
        Outcome a = run(74, Map.of("bindIds", "true"), PastryLie.MISROUTE, 0.3, List.of(SecureRouting.REDUNDANT));
        Outcome b = run(74, Map.of("bindIds", "true"), PastryLie.MISROUTE, 0.3, List.of(SecureRouting.REDUNDANT));
        assertThat(b.results().get(SecureRouting.REDUNDANT).toString()).isEqualTo(a.results().get(SecureRouting.REDUNDANT).toString());
        assertThat(List.of(b.rejected(), b.sparse(), b.rounds(), b.lies()))
                .isEqualTo(List.of(a.rejected(), a.sparse(), a.rounds(), a.lies()));
    }

    private static long fabricated(List<RouteResult> rs) {
        return rs.stream().flatMap(r -> r.reached().stream())
                .filter(c -> (c.address().ip() & 0xFFFFFF00) == PastryLiar.FABRICATED_NET).count();
    }
}
