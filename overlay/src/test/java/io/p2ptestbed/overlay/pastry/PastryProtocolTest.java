package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.KeyRouting;
import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.RingView;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Registration, parameters, and a node that keeps running under hostile datagrams. */
class PastryProtocolTest {

    private final OverlayProtocol pastry = Protocols.get("pastry");

    @Test
    void registry_shouldListPastryWithItsNumericKeySpaceAndPaperDefaults() {
        assertThat(Protocols.names()).contains("pastry", "chord", "kademlia");
        assertThat(pastry.keySpace()).isSameAs(KeySpaces.NUMERIC);
        assertThat(pastry.defaults()).containsEntry("b", "4").containsEntry("leafSet", "16").containsEntry("neighbourhood", "32");
        assertThat(pastry.idFor(NodeAddress.of(127, 0, 0, 1, 1), new SplittableRandom(1), pastry.params(Map.of())).lo()).isZero();
    }

    @Test
    void badParameters_shouldBeRefusedByName() {
        assertThatThrownBy(() -> pastry.params(Map.of("b", "3"))).hasMessageContaining("'b'").hasMessageContaining("1, 2, 4 or 8");
        assertThatThrownBy(() -> pastry.params(Map.of("leafSet", "15"))).hasMessageContaining("'leafSet'").hasMessageContaining("even");
        assertThatThrownBy(() -> pastry.params(Map.of("leafSet", "200"))).hasMessageContaining("'leafSet'");
        assertThatThrownBy(() -> pastry.params(Map.of("neighbourhood", "-1"))).hasMessageContaining("'neighbourhood'");
        assertThatThrownBy(() -> pastry.params(Map.of("proximity", "maybe"))).hasMessageContaining("'proximity'");
        assertThatThrownBy(() -> pastry.params(Map.of("routeTimeoutMillis", "10"))).hasMessageContaining("'routeTimeoutMillis'");
        assertThatThrownBy(() -> pastry.params(Map.of("fingers", "3"))).hasMessageContaining("unknown parameter 'fingers'");
    }

    @Test
    void hostileDatagrams_shouldBeCountedByReason_andTheNodeShouldKeepRouting() {
        PastrySim sim = new PastrySim(11, Map.of());
        assertThat(sim.grow(40, 50)).isZero();
        sim.scheduler.advance(10_000);
        PastryNode victim = (PastryNode) sim.nodes.get(5);
        Transport attacker = sim.network.open(NodeAddress.of(10, 9, 9, 9, 6666));
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[r.nextInt(0, 120)];
            r.nextBytes(junk);
            if (i % 2 == 0 && junk.length > 3) {
                junk[0] = (byte) PastryCodec.MAGIC;
                junk[1] = (byte) PastryCodec.VERSION;
                junk[2] = (byte) r.nextInt(0, 9);
            }
            attacker.send(victim.address(), junk);
        }
        sim.scheduler.advance(1_000);
        Map<String, Long> c = victim.counters();
        long byReason = c.entrySet().stream().filter(e -> e.getKey().startsWith("pastry.malformed."))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(c.get("pastry.malformed")).as("random bytes refused (a few may be well-formed by chance)").isBetween(490L, 500L)
                .isEqualTo(byReason);
        assertThat(c.get("pastry.malformed.bad_magic")).isPositive();
        assertThat(victim.isRunning()).isTrue();
        RouteResult res = sim.await(victim.route(PastryIds.random(r)));
        assertThat(res.found()).isTrue();
        assertThat(victim.capability(RingView.class)).isPresent();
        assertThat(victim.capability(KeyRouting.class).orElseThrow().style()).isEqualTo(KeyRouting.Style.RECURSIVE);
        List<OverlayNode> live = sim.live();
        assertThat(sim.correctShare(sim.lookups(100, r))).isEqualTo(1.0);
        assertThat(live).hasSize(40);
    }
}
