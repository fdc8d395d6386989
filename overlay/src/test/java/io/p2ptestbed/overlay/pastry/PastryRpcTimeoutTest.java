package io.p2ptestbed.overlay.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The request timeout adapts to the round trips seen (RFC 6298), late replies included, within its floor and ceiling. */
class PastryRpcTimeoutTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final SimNetwork net = new SimNetwork(scheduler, new SplittableRandom(1), LatencyModel.uniform(1, 1), 0);
    private final Transport t = net.open(NodeAddress.of(10, 0, 0, 1, 6881));
    private final NodeAddress peer = NodeAddress.of(10, 0, 0, 2, 6881);
    private final long[] counters = new long[PastryCounter.values().length];
    private final PastryRpc rpc = new PastryRpc(t, scheduler, 1000, 5000, counters, 7);

    {
        net.open(peer);
    }

    /** Sends a ping and returns its tid. */
    private int ping(int[] timedOut) {
        int tid = rpc.newTid();
        rpc.request(peer, new PastryMessage.Ping(tid, new NodeId(1, 1, 0)), r -> { }, () -> timedOut[0]++);
        return tid;
    }

    private boolean answer(int tid) {
        return rpc.complete(peer, new PastryMessage.Ack(tid, new NodeId(2, 2, 0)));
    }

    @Test
    void replies_wellUnderTheConfiguredTimeout_leaveItAsConfigured() {
        int[] timedOut = {0};
        for (int i = 0; i < 50; i++) {
            int tid = ping(timedOut);
            scheduler.advance(50 + (i % 5) * 40); // 50 to 210 ms, as the simulator's round trips
            assertThat(answer(tid)).isTrue();
        }
        assertThat(rpc.timeoutMillis()).isEqualTo(1000);
        // a silent peer (a failed node) teaches nothing: the timeout stays
        for (int i = 0; i < 10; i++) {
            ping(timedOut);
            scheduler.advance(1000);
        }
        assertThat(timedOut[0]).isEqualTo(10);
        assertThat(rpc.timeoutMillis()).isEqualTo(1000);
        assertThat(counters[PastryCounter.LATE_REPLIES.ordinal()]).isZero();
    }

    @Test
    void lateReplies_raiseTheTimeout_upToItsCeiling_andFastRepliesBringItBack() {
        int[] timedOut = {0};
        int tid = ping(timedOut);
        scheduler.advance(2500); // queued on a loaded host: the reply comes after the 1 s timeout
        assertThat(timedOut[0]).isEqualTo(1);
        assertThat(answer(tid)).isFalse(); // late: not delivered, but measured
        assertThat(counters[PastryCounter.LATE_REPLIES.ordinal()]).isEqualTo(1);
        assertThat(rpc.timeoutMillis()).isEqualTo(5000); // 2500 + 4 * 1250, at the ceiling
        assertThat(answer(tid)).isFalse(); // measured once
        assertThat(counters[PastryCounter.LATE_REPLIES.ordinal()]).isEqualTo(1);

        int next = ping(timedOut);
        scheduler.advance(3000); // within the raised timeout now
        assertThat(answer(next)).isTrue();
        assertThat(timedOut[0]).isEqualTo(1);

        int fromElsewhere = ping(timedOut);
        scheduler.advance(6000);
        assertThat(rpc.complete(NodeAddress.of(10, 0, 0, 3, 6881), new PastryMessage.Ack(fromElsewhere, new NodeId(2, 2, 0))))
                .isFalse(); // a late "reply" from another address is no sample
        assertThat(counters[PastryCounter.LATE_REPLIES.ordinal()]).isEqualTo(1);

        for (int i = 0; i < 60; i++) {
            int fast = ping(timedOut);
            scheduler.advance(20);
            assertThat(answer(fast)).isTrue();
        }
        assertThat(rpc.timeoutMillis()).isEqualTo(1000); // the load passed: back to the configured floor
    }
}
