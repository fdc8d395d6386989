package io.p2ptestbed.overlay.gnutella;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.Broadcast;
import io.p2ptestbed.overlay.spi.Protocols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attacks on flooding and the defences, both ways, on small simulated networks. */
class GnutellaAttackSimTest {

    record Flood(int reach, int maxHops, long messages, long duplicates, int hits) {}

    /** One query from node {@code from}, with everything it cost. */
    static Flood flood(GnutellaSim sim, GnutellaNode from, String criteria, int ttl) {
        List<Broadcast.Delivery> ds = new ArrayList<>();
        for (GnutellaNode n : sim.nodes) {
            n.addDeliveryListener(ds::add);
        }
        List<GnutellaSearch.Hit> hits = new ArrayList<>();
        from.addHitListener(hits::add);
        long sent = sim.total("sent.query");
        long dups = sim.total("duplicates");
        long id = from.query(criteria, ttl);
        sim.scheduler.advance(10_000);
        List<Broadcast.Delivery> mine = ds.stream().filter(d -> d.messageId() == id).toList();
        return new Flood(mine.size() - 1, mine.stream().mapToInt(Broadcast.Delivery::hops).max().orElse(0),
                sim.total("sent.query") - sent, sim.total("duplicates") - dups,
                (int) hits.stream().filter(h -> h.messageId() == id).count());
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("degree", "6");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void duplicateSuppressionOffMultipliesTheMessagesNotTheReach() {
        Flood on = flood(new GnutellaSim(5, 150, params()), null, 4);
        Flood off = flood(new GnutellaSim(5, 150, params("dedup", "false")), null, 4);
        assertTrue(off.reach() >= on.reach(), "the same graph: without suppression a copy on a shorter path still travels");
        assertTrue(off.messages() > 3 * on.messages(), "loops: " + off.messages() + " vs " + on.messages());
        assertTrue(off.duplicates() > 3 * on.duplicates());
    }

    private static Flood flood(GnutellaSim sim, GnutellaNode ignored, int ttl) {
        return flood(sim, sim.nodes.get(42), "nothing", ttl);
    }

    @Test
    void aTtlForgingRelayFloodsBeyondTheTtlUnlessTheCapHolds() {
        for (boolean cap : new boolean[] {false, true}) {
            GnutellaSim sim = new GnutellaSim(6, 150, params("ttlCap", "" + cap, "maxTtl", "3"));
            Map<String, String> evil = params("forgeTtl", "255", "ttlCap", "false");
            GnutellaNode forger = sim.add(NodeAddress.of(127, 9, 0, 1, 6346), Protocols.get("gnutella").params(evil));
            forger.join(List.of(sim.nodes.get(42).address()));
            sim.scheduler.advance(5_000);
            // the querier: an honest node that has the forger as a neighbour
            GnutellaNode querier = sim.nodes.stream().filter(n -> n != forger && n.neighbours().stream()
                    .anyMatch(c -> c.address().equals(forger.address()))).findFirst().orElseThrow();
            List<Integer> forgerHops = new ArrayList<>();
            forger.addDeliveryListener(d -> forgerHops.add(d.hops()));
            Flood f = flood(sim, querier, "nothing", 2);
            assertEquals(List.of(1), forgerHops, "the forger hears the query first-hand");
            if (cap) {
                assertTrue(f.maxHops() <= 3, "the cap bounds TTL + hops to 3: " + f);
                assertTrue(sim.total("ttlClamped") > 0);
            } else {
                assertTrue(f.maxHops() > 3, "a forged TTL 255 runs past the querier's TTL 2: " + f);
            }
        }
    }

    @Test
    void aNodeAnsweringEverythingMakesAResponseStorm() {
        GnutellaSim honest = new GnutellaSim(7, 150, params());
        Flood calm = flood(honest, honest.nodes.get(42), "no-such-file", 7);
        assertEquals(0, calm.hits());
        GnutellaSim sim = new GnutellaSim(7, 150, params());
        for (int i = 0; i < 10; i++) {
            GnutellaNode liar = sim.add(NodeAddress.of(127, 9, 1, i, 6346),
                    Protocols.get("gnutella").params(params("answerAll", "true")));
            liar.join(List.of(sim.nodes.get(0).address()));
            sim.scheduler.advance(100);
        }
        sim.scheduler.advance(5_000);
        Flood storm = flood(sim, sim.nodes.get(42), "no-such-file", 7);
        assertEquals(10, storm.hits(), "every liar answers a query nobody can");
    }

    @Test
    void perConnectionRateLimitsBoundAQueryFlood() {
        for (int limit : new int[] {0, 20}) {
            GnutellaSim sim = new GnutellaSim(8, 100, params("rateLimit", "" + limit));
            GnutellaNode attacker = sim.nodes.get(7);
            long before = sim.total("received.query");
            // bounded flood: 200 queries, 5 ms apart (1 s), TTL 3
            for (int i = 0; i < 200; i++) {
                attacker.query("flood" + i, 3);
                sim.scheduler.advance(5);
            }
            sim.scheduler.advance(10_000);
            long received = sim.total("received.query") - before;
            long limited = sim.total("rateLimited");
            if (limit == 0) {
                assertEquals(0, limited);
                assertTrue(received > 200L * attacker.degree(), "unlimited: " + received);
            } else {
                assertTrue(limited > 0.5 * 200 * attacker.degree(), "the neighbours drop most of the flood: " + limited);
            }
        }
    }

    @Test
    void randomWalkersCostFarFewerMessagesThanAFlood() {
        Flood flood = flood(new GnutellaSim(9, 200, params()), null, 7);
        GnutellaSim walkSim = new GnutellaSim(9, 200, params("walkers", "4", "walkTtl", "32"));
        Flood walk = flood(walkSim, walkSim.nodes.get(42), "nothing", 32);
        assertTrue(walk.messages() <= 4 * 32, "k walkers of TTL 32 send at most 128 messages: " + walk);
        assertTrue(flood.messages() > 5 * walk.messages());
        assertTrue(walk.reach() > 40 && walk.reach() < flood.reach(), "walkers reach fewer, but many: " + walk);
    }
}
