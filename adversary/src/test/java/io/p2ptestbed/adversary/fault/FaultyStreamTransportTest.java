package io.p2ptestbed.adversary.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import io.p2ptestbed.overlay.transport.sim.SimStreams;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fault plane on stream transports (under in-memory streams on virtual time here; real TCP on loopback in the
 * Gnutella partition row): a partition stalls a connection and it resumes, in order, at its next retransmission
 * after the heal; a connect across a partition times out; the inbound end is judged by its node's address.
 */
class FaultyStreamTransportTest {

    private final VirtualScheduler sched = new VirtualScheduler();
    private final SimNetwork net = new SimNetwork(sched, new SplittableRandom(1), LatencyModel.constant(10), 0);
    private final SimStreams streams = new SimStreams(net);
    private final FaultPlane plane = new FaultPlane();
    private final NodeAddress a = NodeAddress.parse("127.55.0.1:7551");
    private final NodeAddress b = NodeAddress.parse("127.55.0.2:7551");
    private final List<String> atB = new ArrayList<>();
    private final List<String> atA = new ArrayList<>();
    private final List<CloseReason> failures = new ArrayList<>();

    private FaultyStreamTransport open(NodeAddress at, List<String> frames) {
        FaultyStreamTransport t = plane.decorateStreams(streams.open(at, StreamLimits.DEFAULT), sched, new SplittableRandom(at.ip()));
        t.listen(recorder(frames, new Connection[1]));
        return t;
    }

    private ConnectionHandler recorder(List<String> frames, Connection[] opened) {
        return new ConnectionHandler() {
            @Override
            public void opened(Connection c) {
                opened[0] = c;
            }

            @Override
            public void frame(Connection c, byte[] f) {
                frames.add(sched.nowMillis() + ":" + f[0]);
            }

            @Override
            public void closed(Connection c, CloseReason r) {}

            @Override
            public void failed(NodeAddress to, CloseReason r) {
                failures.add(r);
            }
        };
    }

    private Connection connect(StreamTransport from, NodeAddress to, List<String> frames) {
        Connection[] c = new Connection[1];
        from.connect(to, recorder(frames, c));
        sched.advance(100);
        return c[0];
    }

    @Test
    void aPartitionStallsTheConnectionAndItResumesInOrderAfterTheHeal() {
        FaultyStreamTransport ta = open(a, atA);
        FaultyStreamTransport tb = open(b, atB);
        Connection ab = connect(ta, b, atA);
        assertThat(ab).as("connected before the partition").isNotNull();
        sched.advance(100);
        Connection ba = tb.connections().get(0); // b's end: an inbound connection, judged as from b's node to a's
        Runnable heal = plane.install(Partition.complete(List.of(a), List.of(b)));
        ab.send(new byte[] {1});
        ab.send(new byte[] {2});
        ba.send(new byte[] {9});
        sched.advance(5_000);
        assertThat(atB).as("nothing crosses the partition").isEmpty();
        assertThat(atA).isEmpty();
        assertThat(ta.retransmissions()).as("a keeps retransmitting its first frame").isBetween(3L, 6L);
        heal.run();
        long healed = sched.nowMillis();
        sched.advance(4_000);
        assertThat(atB).as("both frames, in order, after the heal").hasSize(2);
        assertThat(atB.get(0)).endsWith(":1");
        assertThat(atB.get(1)).endsWith(":2");
        long resumed = Long.parseLong(atB.get(0).split(":")[0]);
        assertThat(resumed - healed).as("resumed at the next retransmission (at most 3 s after the heal)").isBetween(0L, 3_010L);
        assertThat(atA).as("the inbound end's frame too").hasSize(1);
        assertThat(ab.isOpen()).isTrue();
    }

    @Test
    void aConnectionThatDeliversNothingForTheStallTimeoutBreaks() {
        FaultyStreamTransport ta = open(a, atA);
        open(b, atB);
        Connection ab = connect(ta, b, atA);
        plane.install(Partition.complete(List.of(a), List.of(b)));
        ab.send(new byte[] {1});
        sched.advance(StreamLimits.DEFAULT.stallTimeoutMillis() + 5_000);
        assertThat(ab.isOpen()).isFalse();
        assertThat(ta.stalledConnections()).isEqualTo(1);
        assertThat(atB).isEmpty();
    }

    @Test
    void aConnectAcrossAPartitionTimesOutAndOneAfterTheHealOpens() {
        FaultyStreamTransport ta = open(a, atA);
        open(b, atB);
        Runnable heal = plane.install(Partition.complete(List.of(a), List.of(b)));
        Connection[] c = new Connection[1];
        ta.connect(b, recorder(atA, c));
        sched.advance(StreamLimits.DEFAULT.connectTimeoutMillis() + 1_000);
        assertThat(c[0]).isNull();
        assertThat(failures).containsExactly(CloseReason.TIMEOUT);
        heal.run();
        assertThat(connect(ta, b, atA)).isNotNull();
    }

    @Test
    void randomLossDelaysFramesButLosesNoneAndKeepsTheirOrder() {
        FaultyStreamTransport ta = open(a, atA);
        open(b, atB);
        Connection ab = connect(ta, b, atA);
        plane.install(Loss.everywhere(0.3));
        for (int i = 0; i < 50; i++) {
            ab.send(new byte[] {(byte) i});
        }
        sched.advance(60_000);
        assertThat(atB).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(atB.get(i)).endsWith(":" + i);
        }
        assertThat(ta.retransmissions()).as("some frames were dropped and sent again").isPositive();
    }
}
