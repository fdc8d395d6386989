package io.p2ptestbed.adversary.bitcoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.bitcoin.BitcoinView;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import io.p2ptestbed.overlay.transport.sim.SimStreams;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Sybil's visit accounting that Heilman's attack waits on before it restarts a victim (simulated streams). */
class BitcoinSybilTest {

    @Test
    void visitsCountAsUnsettledUntilTheVictimsVerackOrTheConnectFails() {
        VirtualScheduler scheduler = new VirtualScheduler();
        SplittableRandom rng = new SplittableRandom(1411);
        SimNetwork network = new SimNetwork(scheduler, rng.split(), LatencyModel.uniform(10, 50), 0);
        SimStreams streams = new SimStreams(network);
        NodeAddress victimAt = NodeAddress.of(127, 1, 0, 1, 8333);
        OverlayNode victim = Protocols.get("bitcoin").create(new NodeContext(NodeId.ofAddress(victimAt), network.open(victimAt),
                scheduler, rng.split(), Protocols.get("bitcoin").params(Map.of("inboundToTried", "true")),
                streams.open(victimAt, StreamLimits.DEFAULT)));
        victim.start();

        NodeAddress sybilAt = NodeAddress.of(127, 2, 0, 100, 8333);
        BitcoinSybil sybil = new BitcoinSybil(sybilAt, streams.open(sybilAt, StreamLimits.DEFAULT), scheduler, rng.split(),
                LabGuard.loopbackOnly());
        sybil.start();
        List<NodeAddress> trash = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            trash.add(NodeAddress.of(127, 3 + i, 0, 200, 8333));
        }
        sybil.visit(victimAt, trash, 200);
        sybil.visit(victimAt, trash, 200);
        assertEquals(2, sybil.unsettledVisits(), "commanded, not yet connected");
        scheduler.advance(5_000);
        assertEquals(0, sybil.unsettledVisits(), "both handshakes completed");
        BitcoinView view = victim.capability(BitcoinView.class).orElseThrow();
        assertTrue(view.addrMan().entries().stream().anyMatch(e -> e.tried() && e.address().equals(sybilAt)),
                "the visit landed: the victim put the Sybil into tried");

        NodeAddress nobody = NodeAddress.of(127, 9, 0, 1, 8333);
        sybil.visit(nobody, trash, 200);
        assertEquals(1, sybil.unsettledVisits());
        scheduler.advance(60_000);
        assertEquals(0, sybil.unsettledVisits(), "a connect where nothing listens settles when it fails");
    }
}
