package io.p2ptestbed.overlay.gnutella;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.spi.Malice;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A servent turned malicious at run time (what {@code POST /v1/malice} does in containers), on a small simulated network. */
class GnutellaMaliceTest {

    @Test
    void aBoundedFloodSendsItsRateForItsDurationAndReachesEveryone() {
        GnutellaSim sim = new GnutellaSim(3, 60, Map.of("degree", "6"));
        GnutellaNode flooder = sim.nodes.get(59);
        List<Broadcast.Delivery> ds = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(ds::add));
        flooder.capability(Malice.class).orElseThrow().turnMalicious("flood:50:2000:7");
        sim.scheduler.advance(10_000);
        assertEquals(100, flooder.counters().get("flood.sent"), "50 a second for 2 s");
        long fromFlooder = ds.stream().filter(d -> d.origin().equals(GnutellaNode.originId(flooder.address()))).count();
        assertEquals(100 * 60, fromFlooder, "every query delivered at every servent, the flooder's own included");
    }

    @Test
    void answerAllTurnsAServentIntoALiar() {
        GnutellaSim sim = new GnutellaSim(4, 40, Map.of("degree", "6"));
        GnutellaNode querier = sim.nodes.get(1);
        List<GnutellaSearch.Hit> hits = new ArrayList<>();
        querier.addHitListener(hits::add);
        querier.query("no-such-file", 7);
        sim.scheduler.advance(5_000);
        assertTrue(hits.isEmpty());
        sim.nodes.get(30).turnMalicious("answer-all");
        sim.nodes.get(31).turnMalicious("answer-all");
        querier.query("no-such-file", 7);
        sim.scheduler.advance(5_000);
        assertEquals(2, hits.size());
    }

    @Test
    void aServentTurnedToForgeTtlCarriesQueriesPastTheirTtl_andACapStopsItsCopies() {
        for (boolean cap : new boolean[] {false, true}) {
            GnutellaSim sim = new GnutellaSim(7, 60, Map.of("degree", "3", "ttlCap", "" + cap, "maxTtl", "2"));
            GnutellaNode querier = sim.nodes.get(0);
            List<Broadcast.Delivery> ds = new ArrayList<>();
            sim.nodes.forEach(n -> n.addDeliveryListener(ds::add));
            long before = querier.query("nothing", 2);
            sim.scheduler.advance(5_000);
            int honestMost = ds.stream().filter(d -> d.messageId() == before).mapToInt(Broadcast.Delivery::hops).max().orElseThrow();
            assertTrue(honestMost <= 2, "TTL 2 without a forger: at most 2 hops, got " + honestMost);
            // one forger next to the querier: a second forger next to it would pass the copy on past any cap
            NodeAddress forger = querier.neighbours().get(0).address();
            sim.nodes.stream().filter(n -> n.address().equals(forger)).forEach(n -> n.turnMalicious("forge-ttl:255"));
            long forged = querier.query("nothing", 2);
            sim.scheduler.advance(5_000);
            int most = ds.stream().filter(d -> d.messageId() == forged).mapToInt(Broadcast.Delivery::hops).max().orElseThrow();
            if (cap) {
                assertTrue(most <= 2, "with the cap the forged copies stop at 2 hops, got " + most);
            } else {
                assertTrue(most > 2, "the forging neighbours carry the query past its TTL, got " + most);
            }
        }
    }

    @Test
    void unknownModesAndUnboundedFloodsAreRefusedByName() {
        GnutellaSim sim = new GnutellaSim(5, 5, Map.of("degree", "2"));
        GnutellaNode n = sim.nodes.get(0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.turnMalicious("drop")).getMessage()
                .contains("answer-all, forge-ttl:TTL, flood:RATE:MILLIS:TTL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.turnMalicious("forge-ttl:256")).getMessage()
                .contains("a forged TTL is in [1, 255], got 256"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.turnMalicious("forge-ttl:")).getMessage()
                .contains("forge-ttl:TTL with a whole TTL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.turnMalicious("flood:5000:1000:7")).getMessage()
                .contains("a rate in [1, 1000]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.turnMalicious("flood:10:x:7")).getMessage()
                .contains("whole numbers"));
        assertEquals(0, n.counters().get("malice.turned"));
    }

    @Test
    void aPublishedPayloadWithNulBytesGoesOutAsAQuery() {
        GnutellaSim sim = new GnutellaSim(6, 20, Map.of("degree", "4"));
        List<Broadcast.Delivery> ds = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(ds::add));
        long id = sim.nodes.get(2).publish(new byte[] {0, 1, 0, (byte) 0xff});
        sim.scheduler.advance(5_000);
        assertEquals(20, ds.stream().filter(d -> d.messageId() == id).count());
    }
}
