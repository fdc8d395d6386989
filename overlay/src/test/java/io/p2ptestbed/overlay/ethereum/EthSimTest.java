package io.p2ptestbed.overlay.ethereum;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.Broadcast;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One small network per test (every packet is signed and its signer recovered: secp256k1 costs about 1 ms a packet). */
class EthSimTest {

    @Test
    void nodesDiscoverEachOtherKeepGethsSlotsAndRelayATransactionToEveryNode() {
        EthSim sim = new EthSim(1, 16, Map.of("maxPeers", "9"));
        for (EthNode n : sim.nodes) {
            assertThat(n.table().size()).as("table of %s", n.address()).isGreaterThanOrEqualTo(8);
            assertThat(n.outboundPeers().size()).as("dialled by %s", n.address()).isBetween(1, 3); // 9 / 3
            assertThat(n.inboundPeers().size()).as("inbound of %s", n.address()).isLessThanOrEqualTo(6);
            assertThat(n.db().size()).isGreaterThanOrEqualTo(n.table().size());
        }
        assertThat(sim.total("malformed")).isZero();
        assertThat(sim.total("stream.handlerErrors")).as("exceptions in the node's handlers").isZero();
        // findnode is answered only after bonding; one may rarely overtake the pong that proves the endpoint (UDP reorders)
        assertThat(sim.total("findnode.unbonded")).isLessThanOrEqualTo(2);

        List<Broadcast.Delivery> ds = new ArrayList<>();
        sim.nodes.forEach(n -> n.addDeliveryListener(ds::add));
        long id = sim.nodes.get(7).publish("hello".getBytes());
        sim.scheduler.advance(10_000);
        Set<Object> at = new HashSet<>();
        ds.forEach(d -> at.add(d.at()));
        assertThat(at).hasSize(16);
        assertThat(ds).hasSize(16).allMatch(d -> d.messageId() == id && d.origin().equals(sim.nodes.get(7).id()));
        assertThat(ds.stream().filter(d -> d.hops() == 0)).hasSize(1);
    }

    @Test
    void malformedDatagramsAreCountedAndTheNodeKeepsServing() {
        EthSim sim = new EthSim(3, 6, Map.of());
        EthNode victim = sim.nodes.get(4);
        NodeAddress junk = NodeAddress.of(127, 99, 0, 1, 30303);
        var t = sim.network.open(junk);
        t.send(victim.address(), new byte[] {1, 2, 3});
        t.send(victim.address(), new byte[2000]);
        byte[] ok = Discv4.encode(NodeKey.generate(new java.util.SplittableRandom(1)),
                new Discv4.FindNode(new byte[64], EthNode.LAB_EPOCH_SECONDS + 1_000_000));
        ok[ok.length - 1] ^= 1;
        t.send(victim.address(), ok);
        // an expired ping is dropped as expired
        t.send(victim.address(), Discv4.encode(NodeKey.generate(new java.util.SplittableRandom(2)),
                new Discv4.Ping(4, new Discv4.Endpoint(junk.ip(), 30303, 30303), new Discv4.Endpoint(0, 0, 0), 5, -1)));
        sim.scheduler.advance(1_000);
        assertThat(victim.counters().get("malformed")).isEqualTo(3);
        assertThat(victim.counters().get("expired")).isEqualTo(1);
        CompletableFuture<Boolean> f = sim.nodes.get(2).ping(victim.address());
        sim.scheduler.advance(2_000);
        assertThat(f).isCompletedWithValue(true);
    }

    @Test
    void theSameSeedGivesTheSameNetwork() {
        assertThat(snapshot(11)).isEqualTo(snapshot(11));
    }

    private static List<String> snapshot(long seed) {
        EthSim sim = new EthSim(seed, 8, Map.of());
        List<String> out = new ArrayList<>();
        for (EthNode n : sim.nodes) {
            out.add(n.address() + " table " + n.table().nodes() + " out " + n.outboundPeers() + " in " + n.inboundPeers()
                    + " " + n.counters());
        }
        return out;
    }
}
