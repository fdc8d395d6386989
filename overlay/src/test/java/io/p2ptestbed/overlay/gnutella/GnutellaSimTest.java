package io.p2ptestbed.overlay.gnutella;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.p2ptestbed.overlay.spi.Broadcast;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GnutellaSimTest {

    @Test
    void joinsBuildARandomGraphOfTheMeanDegree() {
        GnutellaSim sim = new GnutellaSim(1, 300, Map.of("degree", "6"));
        double mean = sim.nodes.stream().mapToInt(GnutellaNode::degree).average().orElse(0);
        assertTrue(mean > 5.5 && mean <= 6.0, "mean degree " + mean);
        assertTrue(sim.nodes.stream().allMatch(n -> n.degree() >= 1), "everyone connected");
        assertTrue(sim.nodes.stream().allMatch(n -> n.degree() <= 3 + 12), "slots bound the degree: "
                + sim.nodes.stream().map(n -> n.degree() + "/" + n.counters().get("stream.accepted") + "/" + n.counters().get("handshakes")).toList());
        // neighbours are symmetric (but for links a full node is closing at this moment)
        int links = 0;
        int symmetric = 0;
        for (GnutellaNode n : sim.nodes) {
            for (var c : n.neighbours()) {
                GnutellaNode other = sim.nodes.stream().filter(x -> x.address().equals(c.address())).findFirst().orElseThrow();
                assertEquals(other.id(), c.id());
                links++;
                if (other.neighbours().stream().anyMatch(b -> b.address().equals(n.address()))) {
                    symmetric++;
                }
            }
        }
        assertTrue(symmetric >= 0.98 * links, symmetric + " of " + links + " links symmetric");
    }

    @Test
    void aFloodReachesEveryoneOnceWithHopCountsAndHitsComeBack() {
        GnutellaSim sim = new GnutellaSim(2, 200, Map.of("degree", "6", "ttl", "7"));
        List<Broadcast.Delivery> deliveries = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(deliveries::add));
        GnutellaNode querier = sim.nodes.get(137);
        List<GnutellaSearch.Hit> hits = new ArrayList<>();
        querier.addHitListener(hits::add);
        String wanted = sim.nodes.get(5).files().get(0).replace(".dat", "");
        long sentBefore = sim.total("sent.query");
        long id = querier.query(wanted, 7);
        sim.scheduler.advance(5_000);
        Set<Object> at = new HashSet<>();
        deliveries.forEach(d -> at.add(d.at()));
        assertEquals(deliveries.size(), at.size(), "each node delivers a query once");
        assertEquals(200, deliveries.size(), "a TTL 7 flood on 200 nodes of degree 6 reaches everyone");
        assertTrue(deliveries.stream().allMatch(d -> d.messageId() == id && d.origin().equals(querier.id())));
        assertEquals(0, deliveries.stream().filter(d -> d.at().equals(querier.id())).findFirst().orElseThrow().hops());
        assertTrue(deliveries.stream().allMatch(d -> d.hops() <= 7));
        long holders = sim.nodes.stream().filter(n -> n.files().stream().anyMatch(f -> f.contains(wanted))).count()
                - (querier.files().stream().anyMatch(f -> f.contains(wanted)) ? 1 : 0);
        assertEquals(holders, hits.size(), "every holder's hit routes back along the reverse path");
        long sent = sim.total("sent.query") - sentBefore;
        long dups = sim.total("duplicates");
        assertTrue(sent > 199 && dups == sent - 199, "sent " + sent + ", duplicates " + dups);
    }

    @Test
    void theTtlBoundsTheFlood() {
        GnutellaSim sim = new GnutellaSim(3, 300, Map.of("degree", "4"));
        List<Broadcast.Delivery> deliveries = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(deliveries::add));
        sim.nodes.get(10).query("nothing", 2);
        sim.scheduler.advance(5_000);
        assertTrue(deliveries.stream().allMatch(d -> d.hops() <= 2));
        int d0 = sim.nodes.get(10).degree();
        assertTrue(deliveries.size() - 1 <= d0 + d0 * 8, "reach within TTL 2");
        assertTrue(deliveries.size() - 1 >= d0, "at least the neighbours");
    }

    @Test
    void sameSeedSameRun() {
        assertEquals(run(9), run(9));
    }

    private List<String> run(long seed) {
        GnutellaSim sim = new GnutellaSim(seed, 100, Map.of("degree", "4"));
        List<String> log = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(d -> log.add(d.at() + " " + d.hops() + " " + d.atMillis())));
        sim.nodes.get(3).publish("kw1".getBytes(StandardCharsets.UTF_8));
        sim.scheduler.advance(5_000);
        log.add(sim.nodes.stream().map(n -> n.counters().toString()).toList().toString());
        return log;
    }
}
