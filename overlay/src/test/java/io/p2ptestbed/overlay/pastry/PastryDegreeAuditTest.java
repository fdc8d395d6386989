package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryMessage.AuditKind;
import io.p2ptestbed.overlay.pastry.PastryMessage.AuditSet;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Singh et al.'s degree bounds and anonymous auditing on honest nodes, and on one node that lies in its answers. */
class PastryDegreeAuditTest {

    private static final Map<String, String> AUDITED = Map.of("degreeBound", "24", "audit", "on", "auditMillis", "1000");

    private static PastryDegreeView degree(OverlayNode n) {
        return n.capability(PastryDegreeView.class).orElseThrow();
    }

    private static long sum(PastrySim sim, String counter) {
        return sim.live().stream().mapToLong(n -> n.counters().getOrDefault(counter, 0L)).sum();
    }

    /** Every figure of an audited honest network that could drift, in one line. */
    private static String run(long seed) {
        PastrySim sim = new PastrySim(seed, AUDITED);
        assertThat(sim.grow(40, 50)).isZero();
        sim.scheduler.advance(20_000);
        StringBuilder b = new StringBuilder();
        for (OverlayNode n : sim.live()) {
            PastryView v = PastrySim.view(n);
            int table = 0;
            for (int r = 0; r < v.filledRows(); r++) {
                table += v.row(r).size();
            }
            assertThat(table).as("out-degree of %s", n).isLessThanOrEqualTo(24);
            assertThat(degree(n).backPointers()).as("in-degree of %s", n).hasSizeLessThanOrEqualTo(24);
            b.append(table).append('/').append(degree(n).backPointers().size()).append(' ');
        }
        b.append(" audits=").append(sum(sim, "defence.pastry.audits"))
                .append(" challenges=").append(sum(sim, "defence.pastry.audit_challenges"))
                .append(" failed=").append(sum(sim, "defence.pastry.audit_failed"))
                .append(" events=").append(sim.scheduler.executedEvents());
        return b.toString();
    }

    @Test
    void honestNodesStayWithinTheBoundPassTheirAuditsAndRouteCorrectly_sameSeedSameRun() {
        PastrySim sim = new PastrySim(31, AUDITED);
        assertThat(sim.grow(80, 50)).isZero();
        sim.scheduler.advance(40_000);
        long audits = sum(sim, "defence.pastry.audits");
        long challenges = sum(sim, "defence.pastry.audit_challenges");
        assertThat(audits).as("audits in 40 s, two per node per second").isGreaterThan(80 * 40);
        assertThat(challenges).isGreaterThanOrEqualTo(audits);
        assertThat(sum(sim, "defence.pastry.audit_relayed")).as("challenges relayed by anonymizers").isGreaterThan(challenges / 2);
        // honest answers hold the auditor and stay within the bound: an audit fails only in a race (a link in flight)
        long failed = sum(sim, "defence.pastry.audit_failed");
        System.out.printf("honest network: %d audits, %d challenges, %d failed audits (a link changing in flight)%n", audits,
                challenges, failed);
        assertThat(failed).as("honest nodes failing audits").isLessThanOrEqualTo(audits / 100);
        assertThat(sim.correctShare(sim.lookups(200, new SplittableRandom(2)))).isEqualTo(1.0);
        assertThat(run(32)).isEqualTo(run(32));
    }

    @Test
    void aTightBoundIsKeptByRefusingLinks() {
        PastrySim sim = new PastrySim(33, Map.of("degreeBound", "6"));
        assertThat(sim.grow(60, 50)).isZero();
        sim.scheduler.advance(20_000);
        for (OverlayNode n : sim.live()) {
            assertThat(degree(n).backPointers()).hasSizeLessThanOrEqualTo(6);
            assertThat(n.neighbours().size()).isGreaterThan(0);
        }
        assertThat(sum(sim, "defence.pastry.links_refused")).isPositive();
        assertThat(sum(sim, "defence.pastry.links_refused_by_others")).isPositive();
        assertThat(sum(sim, "defence.pastry.audits")).as("audit off: bound only").isZero();
        assertThat(sim.correctShare(sim.lookups(200, new SplittableRandom(4)))).isEqualTo(1.0);
    }

    /**
     * Singh et al.'s bound per row (their 16 per routing-table row and per back-pointer row), here 3 per row on 60 nodes:
     * every row of every table and every back-pointer row stays within it, the tables as a whole grow past it (which a
     * bound on the whole table forbids), audited honest nodes pass their audits, and routes still reach their owner.
     */
    @Test
    void aPerRowBoundIsKeptRowByRow_andAuditedRowByRow() {
        PastrySim sim = new PastrySim(37, Map.of("degreeBound", "3", "degreeBoundPerRow", "true", "audit", "on",
                "auditMillis", "1000"));
        assertThat(sim.grow(60, 50)).isZero();
        sim.scheduler.advance(30_000);
        int pastBound = 0;
        for (OverlayNode n : sim.live()) {
            PastryView v = PastrySim.view(n);
            int table = 0;
            for (int r = 0; r < v.filledRows(); r++) {
                assertThat(v.row(r)).as("row %d of %s", r, n).hasSizeLessThanOrEqualTo(3);
                table += v.row(r).size();
            }
            pastBound += table > 3 ? 1 : 0;
            Map<Integer, Integer> perRow = new java.util.HashMap<>();
            for (Contact c : degree(n).backPointers()) {
                perRow.merge(PastryIds.sharedDigits(n.id(), c.id(), 4), 1, Integer::sum);
            }
            assertThat(perRow.values()).as("back-pointers per row of %s", n).allSatisfy(k -> assertThat(k).isLessThanOrEqualTo(3));
        }
        long audits = sum(sim, "defence.pastry.audits");
        long failed = sum(sim, "defence.pastry.audit_failed");
        System.out.printf("per-row bound 3: %d of 60 tables past 3 entries in all, %d links refused, %d audits, %d failed%n",
                pastBound, sum(sim, "defence.pastry.links_refused"), audits, failed);
        assertThat(pastBound).as("tables holding more than the bound in all (two rows or more)").isGreaterThan(30);
        assertThat(sum(sim, "defence.pastry.links_refused")).isPositive();
        assertThat(audits).isGreaterThan(60 * 20);
        assertThat(failed).as("honest nodes failing audits").isLessThanOrEqualTo(audits / 100);
        assertThat(sim.correctShare(sim.lookups(200, new SplittableRandom(6)))).isEqualTo(1.0);
    }

    /** A transport that pads every in-degree answer of its node past the bound (a node that does not keep it). */
    private static final class Padding implements Transport {
        final Transport inner;
        long padded;

        Padding(Transport inner) {
            this.inner = inner;
        }

        @Override
        public NodeAddress localAddress() {
            return inner.localAddress();
        }

        @Override
        public void send(NodeAddress to, byte[] d) {
            if (PastryCodec.decode(d) instanceof PastryDecodeResult.Decoded dec && dec.message() instanceof AuditSet s
                    && s.kind() == AuditKind.IN) {
                List<Contact> more = new ArrayList<>(s.contacts());
                for (int i = 0; more.size() <= 24; i++) {
                    more.add(new Contact(new NodeId(i, i, 0), NodeAddress.of(10, 99, 0, 1 + i, 9)));
                }
                padded++;
                d = PastryCodec.encode(new AuditSet(s.tid(), s.sender(), s.kind(), more));
            }
            inner.send(to, d);
        }

        @Override
        public void setHandler(DatagramHandler h) {
            inner.setHandler(h);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aNodeWhoseAnswersExceedTheBoundIsBannedByItsAuditors() {
        PastrySim sim = new PastrySim(35, AUDITED);
        assertThat(sim.grow(80, 50)).isZero();
        NodeAddress a = PastrySim.address(1_000);
        NodeId id = PastryIds.random(new SplittableRandom(9));
        Padding padding = new Padding(sim.network.open(a));
        OverlayNode liar = Protocols.get("pastry").create(new NodeContext(id, padding, sim.scheduler, new SplittableRandom(10),
                sim.params));
        liar.start();
        sim.await(liar.join(List.of(sim.nodes.get(0).address())));
        sim.scheduler.advance(90_000);
        assertThat(padding.padded).as("in-degree answers the liar padded").isPositive();
        long banning = sim.live().stream().filter(n -> n != liar && degree(n).banned().contains(id)).count();
        long holding = sim.live().stream().filter(n -> n != liar && n.capability(PastryView.class).orElseThrow().row(
                PastryIds.sharedDigits(n.id(), id, 4)).contains(liar.contact())).count();
        System.out.printf("liar: banned by %d honest nodes, still in %d honest tables%n", banning, holding);
        assertThat(banning).as("auditors that banned the liar").isGreaterThanOrEqualTo(5);
        // a node that took the liar in lately may not have audited it yet (one random entry per second)
        assertThat(holding).as("honest tables still holding the liar").isLessThan(banning / 2);
    }

    @Test
    void badParametersAreNamed() {
        var pastry = Protocols.get("pastry");
        assertThatThrownBy(() -> pastry.params(Map.of("audit", "on"))).hasMessageContaining("degreeBound");
        assertThatThrownBy(() -> pastry.params(Map.of("degreeBound", "65"))).hasMessageContaining("degreeBound");
        assertThatThrownBy(() -> pastry.params(Map.of("degreeBound", "8", "audit", "maybe"))).hasMessageContaining("on or off");
        assertThatThrownBy(() -> pastry.params(Map.of("auditChallenges", "0"))).hasMessageContaining("auditChallenges");
        assertThatThrownBy(() -> pastry.params(Map.of("degreeBoundPerRow", "true"))).hasMessageContaining("set 'degreeBound'");
        assertThatThrownBy(() -> pastry.params(Map.of("degreeBound", "8", "degreeBoundPerRow", "rows")))
                .hasMessageContaining("degreeBoundPerRow");
    }
}
