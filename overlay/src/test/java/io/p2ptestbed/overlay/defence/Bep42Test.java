package io.p2ptestbed.overlay.defence;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.InsertOutcome;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.kademlia.RoutingTable;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Bep42Test {

    /** The test vectors of BEP 42: IP, rand (the id's last byte), and the example node id. */
    @ParameterizedTest
    @CsvSource({
            "124.31.75.21, 1,  5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401",
            "21.75.31.124, 86, 5a3ce9c14e7a08645677bbd1cfe7d8f956d53256",
            "65.23.51.170, 22, a5d43220bc8f112a3d426c84764f8c2a1150e616",
            "84.124.73.14, 65, 1b0321dd1bb1fe518101ceef99462b947a01ff41",
            "43.213.53.83, 90, e56f6cbf5b7c4be0237986d5243b87aa6d51305a"})
    void bep42TestVectors_shouldVerifyAndRegenerate(String ip, int rand, String idHex) {
        int addr = NodeAddress.parse(ip + ":1").ip();
        NodeId vector = NodeId.fromHex(idHex);

        assertThat(Bep42.isCompliant(vector, addr)).isTrue();
        assertThat(vector.lo() & 0xFF).isEqualTo(rand);

        NodeId generated = Bep42.idFor(addr, rand, new SplittableRandom(rand));
        byte[] g = generated.toBytes();
        byte[] v = vector.toBytes();
        assertThat(g[0]).isEqualTo(v[0]);
        assertThat(g[1]).isEqualTo(v[1]);
        assertThat(g[2] & 0xF8).isEqualTo(v[2] & 0xF8);
        assertThat(g[19]).isEqualTo(v[19]);
        assertThat(Bep42.isCompliant(generated, addr)).isTrue();
    }

    @Test
    void firstVector_crcOfMaskedIpWithR_isTheDocumentedPrefix() {
        // BEP 42: crc32c((0x7c1f4b15 & 0x030f3fff) | (1 << 29)) = crc32c(0x200f0b15), whose first 21 bits are 5fbfb|1
        int crc = Bep42.crc(NodeAddress.parse("124.31.75.21:1").ip(), 1);
        assertThat(crc & Bep42.PREFIX_MASK).isEqualTo(0x5fbfbf00 & Bep42.PREFIX_MASK);
    }

    @Test
    void isCompliant_shouldRejectAVectorIdWithAChangedPrefixOrAnotherIp() {
        int ip = NodeAddress.parse("124.31.75.21:1").ip();
        assertThat(Bep42.isCompliant(NodeId.fromHex("5cbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401"), ip)).isFalse();
        // the 21st bit (lowest checked bit of byte 2) flipped
        assertThat(Bep42.isCompliant(NodeId.fromHex("5fbfb7f10c5d6a4ec8a88e4c6ab4c28b95eee401"), ip)).isFalse();
        // bits after the 21st are free
        assertThat(Bep42.isCompliant(NodeId.fromHex("5fbfb8000000000000000000000000000000ff01"), ip)).isTrue();
        // r (low 3 bits of the last byte) is part of the rule
        assertThat(Bep42.isCompliant(NodeId.fromHex("5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee402"), ip)).isFalse();
        assertThat(Bep42.isCompliant(NodeId.fromHex("5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401"),
                NodeAddress.parse("124.31.75.22:1").ip() ^ 0x01000000)).isFalse();
    }

    @Test
    void idFor_shouldAlwaysBeCompliant_andRandomIdsAlmostNever() {
        SplittableRandom rng = new SplittableRandom(42);
        int randomCompliant = 0;
        for (int i = 0; i < 2_000; i++) {
            int ip = rng.nextInt();
            assertThat(Bep42.isCompliant(Bep42.idFor(ip, rng), ip)).isTrue();
            if (Bep42.isCompliant(NodeId.random(rng), ip)) {
                randomCompliant++;
            }
        }
        assertThat(randomCompliant).isZero(); // chance 2^-21 each
    }

    @Test
    void isLocalNetwork_shouldMatchTheExemptRangesOfBep42() {
        for (String local : List.of("10.1.2.3", "127.201.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.9.9")) {
            assertThat(Bep42.isLocalNetwork(NodeAddress.parse(local + ":1").ip())).as(local).isTrue();
        }
        for (String global : List.of("11.0.0.1", "172.32.0.1", "172.15.0.1", "192.169.0.1", "124.31.75.21")) {
            assertThat(Bep42.isLocalNetwork(NodeAddress.parse(global + ":1").ip())).as(global).isFalse();
        }
    }

    @Test
    void policy_shouldRejectIdsNotBoundToTheirIp_evenInTheLoopbackLab() {
        SplittableRandom rng = new SplittableRandom(1);
        RoutingTable table = new RoutingTable(NodeId.random(rng), NodeConfig.defaults(), new VirtualScheduler());
        table.addPolicy(new Bep42Policy(Bep42Config.defaults()));
        NodeAddress sybil = NodeAddress.parse("127.201.0.1:6881");

        InsertOutcome random = table.insert(new Contact(NodeId.random(rng), sybil));
        InsertOutcome bound = table.insert(new Contact(Bep42.idFor(sybil, rng), sybil));

        assertThat(random).isEqualTo(new InsertOutcome.Rejected("bep42: id not bound to 127.201.0.1"));
        assertThat(bound).isInstanceOf(InsertOutcome.Added.class);
    }

    @Test
    void policy_withLocalExemption_shouldAdmitAny127Id() {
        SplittableRandom rng = new SplittableRandom(2);
        RoutingTable table = new RoutingTable(NodeId.random(rng), NodeConfig.defaults(), new VirtualScheduler());
        Bep42Policy policy = new Bep42Policy(new Bep42Config(true, false));
        table.addPolicy(policy);

        assertThat(table.insert(new Contact(NodeId.random(rng), NodeAddress.parse("127.201.0.1:6881"))))
                .isInstanceOf(InsertOutcome.Added.class);
        assertThat(table.insert(new Contact(NodeId.random(rng), NodeAddress.parse("8.8.8.8:6881"))))
                .isInstanceOf(InsertOutcome.Rejected.class);
        assertThat(policy.counters()).containsEntry("defence.bep42.exempt", 1L).containsEntry("defence.bep42.rejected", 1L);
    }

    @Test
    void aNetworkOfBep42Nodes_shouldJoinAndLookUp_whileRandomIdSybilsStayOut() {
        SimLab lab = new SimLab(3);
        DefenceSet defences = DefenceSet.parse("bep42");
        SplittableRandom ids = lab.seed.split();
        List<KademliaNode> nodes = lab.honestNodes(40, NodeConfig.defaults(), a -> defences.newIdentity(a, ids));
        nodes.forEach(defences::install);
        lab.joinAll(nodes);

        ScriptedPeer sybil = new ScriptedPeer(lab, NodeId.random(ids), NodeAddress.parse("127.201.0.1:6881"), (t, a) -> List.of());
        nodes.forEach(n -> sybil.ping(n.address(), 1));
        lab.scheduler.advance(1_000);

        for (KademliaNode n : nodes) {
            assertThat(n.table().contains(sybil.id)).isFalse();
            assertThat(n.stats().snapshot()).containsEntry("rejected[bep42]", 1L);
        }
        NodeId target = NodeId.random(ids);
        assertThat(lab.await(nodes.get(7).findNode(target)).closest().get(0).id())
                .isEqualTo(SimLab.trueClosest(nodes, nodes.get(7), target, 1).get(0));
    }
}
