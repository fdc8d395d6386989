package io.p2ptestbed.adversary.kademlia.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.adversary.RecordingTransport;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcCodec;
import io.p2ptestbed.overlay.krpc.KrpcDecodeResult;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The colluder's transport rewrites real BEP 5 replies on the wire, by strategy and presence. */
class CollusionTransportTest {

    private static final NodeAddress SELF = NodeAddress.of(127, 1, 0, 1, 6881);
    private static final NodeAddress QUERIER = NodeAddress.of(127, 1, 0, 2, 6881);
    private final KrpcCodec codec = new KrpcCodec();
    private final SplittableRandom rng = new SplittableRandom(11);
    private final NodeId selfId = NodeId.random(rng);
    private final NodeId key = NodeId.random(rng);
    private final Contact honest = new Contact(NodeId.random(rng), NodeAddress.of(127, 1, 0, 9, 6881));

    private List<Contact> replyThrough(ColluderStrategy strategy, ColluderPresence presence, int colluders, RecordingTransport wire) {
        VirtualScheduler scheduler = new VirtualScheduler();
        CollusionPlan plan = new CollusionPlan(strategy, presence, 8);
        plan.collude(SELF);
        for (int i = 0; i < colluders; i++) {
            plan.collusion().register(new Contact(NodeId.random(rng), NodeAddress.of(127, 1, 1, 1 + i, 6881)));
        }
        CollusionTransport t = new CollusionTransport(wire, LabGuard.loopbackOnly(), plan, scheduler, new SplittableRandom(3));
        t.setHandler((from, data) -> {});
        byte[] tid = {1, 2};
        wire.handler.onDatagram(QUERIER, codec.encode(new KrpcQuery.FindNode(tid, NodeId.random(rng), key)));
        t.send(QUERIER, codec.encode(new KrpcResponse(tid, selfId, List.of(honest), List.of(), null, QUERIER)));
        if (wire.sent.isEmpty()) {
            return null;
        }
        KrpcResponse r = (KrpcResponse) ((KrpcDecodeResult.Decoded) codec.decode(wire.sent.get(0))).message();
        assertThat(r.sender()).as("the colluder keeps its own id").isEqualTo(selfId);
        return r.nodes();
    }

    @Test
    void closestColludersReplaceTheHonestReply() {
        List<Contact> nodes = replyThrough(ColluderStrategy.CLOSEST_COLLUDERS, ColluderPresence.fromStart(), 20, new RecordingTransport(SELF));
        assertThat(nodes).hasSize(8).doesNotContain(honest).allSatisfy(c -> assertThat(c.address().toString()).startsWith("127.1.1."));
    }

    @Test
    void dropSendsNothingAndFabricatedContactsPointWhereNobodyListens() {
        RecordingTransport wire = new RecordingTransport(SELF);
        assertThat(replyThrough(ColluderStrategy.DROP, ColluderPresence.fromStart(), 5, wire)).isNull();
        assertThat(wire.sent).isEmpty();
        List<Contact> fake = replyThrough(ColluderStrategy.FABRICATED_CONTACTS, ColluderPresence.fromStart(), 5, new RecordingTransport(SELF));
        assertThat(fake).hasSize(8).allSatisfy(c -> {
            assertThat(c.address().port()).isEqualTo(CollusionTransport.FABRICATED_PORT);
            assertThat(c.address().ip() & 0xFFFFFF00).isEqualTo(CollusionTransport.FABRICATED_NET);
            assertThat(key.compareDistance(c.id(), honest.id())).as("closer to the key than honest nodes").isNegative();
        });
    }

    @Test
    void beforeItTurnsAColluderAnswersHonestly() {
        List<Contact> nodes = replyThrough(ColluderStrategy.CLOSEST_COLLUDERS, ColluderPresence.turnAt(60_000), 20, new RecordingTransport(SELF));
        assertThat(nodes).containsExactly(honest);
    }
}
