package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Castro et al.'s defences on Pastry: certified ids, the constrained table, the failure test, redundant routes. */
class PastrySecurityTest {

    /** One network of 150 nodes with constrained tables, shared by the tests that only read it or route on it. */
    private static PastrySim shared;

    private static synchronized PastrySim shared() {
        if (shared == null) {
            shared = new PastrySim(12, Map.of("constrainedTable", "true"));
            assertThat(shared.grow(150, 50)).isZero();
            shared.scheduler.advance(30_000);
        }
        return shared;
    }

    @Test
    void slotPoint_shouldKeepThePrefixSetTheDigitAndCopyTheRest() {
        NodeId self = NodeId.fromHex("0123456789abcdef0123456789abcdef00000000");
        NodeId p = PastryIds.slotPoint(self, 2, 0xf, 4);
        assertThat(p).isEqualTo(NodeId.fromHex("01f3456789abcdef0123456789abcdef00000000"));
        NodeId q = PastryIds.slotPoint(self, 17, 0x0, 4); // a digit of the low word
        assertThat(q).isEqualTo(NodeId.fromHex("0123456789abcdef0023456789abcdef00000000"));
        assertThat(PastryIds.sharedDigits(self, p, 4)).isEqualTo(2);
        assertThat(PastryIds.digit(p, 2, 4)).isEqualTo(0xf);
    }

    @Test
    void params_shouldBeValidatedWithTheirNames() {
        var pastry = Protocols.get("pastry");
        assertThat(pastry.defaults()).containsEntry("bindIds", "false").containsEntry("constrainedTable", "false")
                .containsEntry("secureRouting", "off");
        assertThatThrownBy(() -> pastry.params(Map.of("secureRouting", "always"))).hasMessageContaining("secureRouting");
        assertThatThrownBy(() -> pastry.params(Map.of("gamma", "0.5"))).hasMessageContaining("gamma");
        assertThatThrownBy(() -> pastry.params(Map.of("gamma", "x"))).hasMessageContaining("gamma");
        PastryConfig c = PastryConfig.of(pastry.params(Map.of("secureRouting", "test", "gamma", "1.7")));
        assertThat(c.secureRouting()).isEqualTo(PastryConfig.SecureRouting.TEST);
        assertThat(c.gamma()).isEqualTo(1.7);
        assertThat(PastryConfig.of(pastry.params(Map.of("secureRouting", "leafset"))).secureRouting())
                .isEqualTo(PastryConfig.SecureRouting.LEAFSET);
        assertThat(PastryConfig.of(pastry.params(Map.of("secureRouting", "test-leafset"))).secureRouting())
                .isEqualTo(PastryConfig.SecureRouting.TEST_LEAFSET);
        assertThat(PastryConfig.of(pastry.params(Map.of("secureRouting", "test-leafset"))).toParams())
                .containsEntry("secureRouting", "test-leafset");
        assertThatThrownBy(() -> pastry.params(Map.of("secureRouting", "anycast"))).hasMessageContaining("leafset")
                .hasMessageContaining("test-leafset");
        assertThat(c.tableRepair()).isTrue();
        assertThat(PastryConfig.of(pastry.params(Map.of("tableRepair", "false"))).tableRepair()).isFalse();
        assertThatThrownBy(() -> pastry.params(Map.of("tableRepair", "no"))).hasMessageContaining("tableRepair");
    }

    @Test
    void certifiedIds_shouldBeTheAddressHash_andUnboundSendersRefused() {
        PastrySim sim = new PastrySim(11, Map.of("bindIds", "true"));
        assertThat(sim.grow(60, 50)).isZero();
        sim.scheduler.advance(20_000);
        for (OverlayNode n : sim.live()) {
            assertThat(n.id()).isEqualTo(PastryIds.forAddress(n.address()));
        }
        // an impostor: a node whose id is not its address's hash; every honest node refuses its datagrams
        NodeAddress a = PastrySim.address(999);
        PastryNode impostor = new PastryNode(PastryIds.random(new SplittableRandom(3)), PastryConfig.defaults(),
                sim.network.open(a), sim.scheduler, new SplittableRandom(4));
        impostor.start();
        CompletableFuture<Void> joined = impostor.join(List.of(sim.nodes.get(0).address()));
        sim.scheduler.advance(60_000);
        assertThat(joined).isCompletedExceptionally();
        long refused = sim.live().stream().mapToLong(n -> ((PastryNode) n).counter(PastryCounter.REFUSED_UNBOUND)).sum();
        assertThat(refused).isPositive();
        assertThat(sim.live().stream().filter(n -> n != impostor)
                .flatMap(n -> n.neighbours().stream()).map(Contact::id)).doesNotContain(impostor.id());
    }

    @Test
    void constrainedTable_shouldHoldTheKnownNodeClosestToEachSlotsPoint() {
        PastrySim sim = shared();
        PastryNode n = (PastryNode) sim.nodes.get(17);
        PastryState s = n.state();
        List<Contact> known = s.all();
        int checked = 0;
        for (int r = 0; r < 2; r++) {
            for (Contact e : s.constrainedRow(r)) {
                int col = PastryIds.digit(e.id(), r, 4);
                NodeId point = PastryIds.slotPoint(n.id(), r, col, 4);
                int row = r;
                Contact best = known.stream().filter(c -> PastryIds.sharedDigits(n.id(), c.id(), 4) == row
                        && PastryIds.digit(c.id(), row, 4) == col)
                        .min((x, y) -> PastryIds.compareDistance(point, x.id(), y.id())).orElseThrow();
                assertThat(e).as("slot (%d, %x)", r, col).isEqualTo(best);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(15);
    }

    @Test
    void failureTest_shouldPassAnHonestAnswer_andFailASparseOne() {
        PastrySim sim = shared();
        PastryNode origin = (PastryNode) sim.nodes.get(5);
        SplittableRandom r = new SplittableRandom(9);
        List<NodeId> ids = new ArrayList<>(sim.live().stream().map(OverlayNode::id).toList());
        int honestPass = 0, sparseFail = 0;
        for (int i = 0; i < 50; i++) {
            NodeId key = NodeId.random(r);
            List<Contact> honest = sim.live().stream().map(OverlayNode::contact)
                    .sorted(Comparator.comparing(c -> PastryIds.offset(key, c.id()).abs())).limit(17).toList();
            // every fifth node only (a fifth of the nodes colluding): the 17 of them closest to the key
            List<Contact> sparse = sim.live().stream().filter(c -> ids.indexOf(c.id()) % 5 == 0).map(OverlayNode::contact)
                    .sorted(Comparator.comparing(c -> PastryIds.offset(key, c.id()).abs())).limit(17).toList();
            honestPass += PastrySecurity.passes(origin.state(), key, honest, PastryConfig.DEFAULT_GAMMA) ? 1 : 0;
            sparseFail += PastrySecurity.passes(origin.state(), key, sparse, PastryConfig.DEFAULT_GAMMA) ? 0 : 1;
        }
        System.out.printf("routing failure test, gamma %.1f: %d of 50 honest answers pass, %d of 50 sparse answers fail%n",
                PastryConfig.DEFAULT_GAMMA, honestPass, sparseFail);
        assertThat(honestPass).as("honest answers passing, of 50").isGreaterThanOrEqualTo(42);
        assertThat(sparseFail).as("answers of a fifth of the nodes failing, of 50").isGreaterThanOrEqualTo(48);
    }

    @Test
    void redundantRoutes_shouldReachTheOwner_throughTheConstrainedTables() {
        PastrySim sim = shared();
        long before = sim.live().stream().mapToLong(n -> ((PastryNode) n).counter(PastryCounter.REDUNDANT_ROUTES)).sum();
        SplittableRandom r = new SplittableRandom(5);
        List<CompletableFuture<RouteResult>> fs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            OverlayNode from = sim.live().get(r.nextInt(sim.live().size()));
            fs.add(PastrySim.view(from).route(NodeId.random(r), PastryConfig.SecureRouting.REDUNDANT));
        }
        sim.await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)));
        List<RouteResult> rs = fs.stream().map(CompletableFuture::join).toList();
        assertThat(sim.correctShare(rs)).isEqualTo(1.0);
        assertThat(rs).allSatisfy(x -> assertThat(x.messages()).isGreaterThanOrEqualTo(16));
        long redundant = sim.live().stream().mapToLong(n -> ((PastryNode) n).counter(PastryCounter.REDUNDANT_ROUTES)).sum();
        assertThat(redundant - before).isEqualTo(200);
    }

    @Test
    void sameSeed_shouldGiveTheSameTestedAndRedundantRoutes() {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            PastrySim sim = new PastrySim(15, Map.of("bindIds", "true", "constrainedTable", "true", "secureRouting", "test"));
            assertThat(sim.grow(60, 50)).isZero();
            sim.scheduler.advance(10_000);
            SplittableRandom r = new SplittableRandom(6);
            List<CompletableFuture<RouteResult>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                OverlayNode from = sim.live().get(r.nextInt(sim.live().size()));
                fs.add(PastrySim.view(from).route(NodeId.random(r), i % 2 == 0 ? PastryConfig.SecureRouting.TEST
                        : PastryConfig.SecureRouting.REDUNDANT));
            }
            sim.await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)));
            runs.add(fs.stream().map(CompletableFuture::join).map(x -> x.reached() + "/" + x.hops() + "/" + x.messages()
                    + "/" + x.endMillis()).toList());
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }
}
