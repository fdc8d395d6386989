package io.p2ptestbed.harness.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import io.p2ptestbed.overlay.transport.sim.SimStreams;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionFault;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams on a sharded network ({@link SimStreams} over 4 shards, run by {@link ShardedClock}): connects, frames,
 * closes, resets, refusals, slots and the connection faults cross shards through the outboxes; every segment takes
 * at least the minimum latency; and a run is the same on one thread as on two.
 */
class ShardedStreamsTest {

    static final int NODES = 8;
    static final int SHARDS = 4;
    static final long MIN_LATENCY = 10;

    static NodeAddress address(int i) {
        return NodeAddress.of(127, 93, 0, i + 1, 7000);
    }

    /** What each node saw, in its own order (each list written only on its node's shard). */
    record Run(List<List<String>> logs, long events) {}

    private static Run run(int threads) {
        VirtualScheduler[] shards = new VirtualScheduler[SHARDS];
        long[] seeds = new long[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new VirtualScheduler();
            seeds[i] = 1_000 + i;
        }
        SimNetwork network = new SimNetwork(shards, seeds, LatencyModel.uniform(MIN_LATENCY, 80), 0.05);
        SimStreams streams = new SimStreams(network);
        List<List<String>> logs = new ArrayList<>();
        List<StreamTransport> ts = new ArrayList<>();
        List<List<Connection>> accepted = new ArrayList<>();
        try (ShardedClock clock = new ShardedClock(shards, threads, network, MIN_LATENCY)) {
            for (int i = 0; i < NODES; i++) {
                int me = i;
                VirtualScheduler s = shards[i % SHARDS];
                List<String> log = new ArrayList<>();
                List<Connection> in = new ArrayList<>();
                logs.add(log);
                accepted.add(in);
                StreamTransport t = streams.open(address(i), i % SHARDS, StreamLimits.DEFAULT.withSlots(5, 8));
                t.listen(new ConnectionHandler() {
                    @Override
                    public void opened(Connection c) {
                        in.add(c);
                        log.add(s.nowMillis() + " accepted " + c.remote());
                    }

                    @Override
                    public void frame(Connection c, byte[] f) {
                        String text = new String(f, StandardCharsets.UTF_8);
                        long sentAt = Long.parseLong(text.substring(text.indexOf('@') + 1));
                        assertThat(s.nowMillis() - sentAt).as("a frame takes at least the minimum latency")
                                .isGreaterThanOrEqualTo(MIN_LATENCY);
                        log.add(s.nowMillis() + " got " + text);
                    }

                    @Override
                    public void closed(Connection c, CloseReason r) {
                        log.add(s.nowMillis() + " in closed " + c.remote() + " " + r);
                    }
                });
                ts.add(t);
            }
            // the harness connects every pair between windows: 7 tries each, 5 inbound slots, so some are refused
            for (int i = 0; i < NODES; i++) {
                for (int j = 0; j < NODES; j++) {
                    if (i != j) {
                        VirtualScheduler s = shards[i % SHARDS];
                        List<String> log = logs.get(i);
                        int from = i;
                        ts.get(i).connect(address(j), new ConnectionHandler() {
                            @Override
                            public void opened(Connection c) {
                                log.add(s.nowMillis() + " connected " + c.remote() + " #" + c.id());
                                for (int k = 0; k < 20; k++) {
                                    c.send((from + "->" + c.remote().ip() + " " + k + " @" + s.nowMillis())
                                            .getBytes(StandardCharsets.UTF_8));
                                }
                            }

                            @Override
                            public void frame(Connection c, byte[] f) {}

                            @Override
                            public void failed(NodeAddress to, CloseReason r) {
                                log.add(s.nowMillis() + " failed " + to + " " + r);
                            }

                            @Override
                            public void closed(Connection c, CloseReason r) {
                                log.add(s.nowMillis() + " out closed " + c.remote() + " " + r);
                            }
                        });
                    }
                }
            }
            clock.runUntil(5_000);
            // faults, injected between windows: a stall, a slow reader, a reset fault, a graceful close, a kill
            accepted.get(1).get(0).inject(new ConnectionFault.Stall(2_000));
            // from a node the faults below leave alone (not 2, 4 or 6)
            Connection slow = accepted.get(3).stream().filter(c -> !List.of(address(2), address(4), address(6))
                    .contains(c.remote())).findFirst().orElseThrow();
            slow.inject(new ConnectionFault.SlowReader(50));
            for (Connection c : ts.get(0).connections()) {
                if (!c.inbound()) {
                    c.send(("0->late @" + clock.nowMillis()).getBytes(StandardCharsets.UTF_8));
                }
            }
            // the slow reader's peer (on another shard) fills its receive queue, which it learns of a window later
            int writer = (slow.remote().ip() & 0xFF) - 1;
            for (Connection c : ts.get(writer).connections()) {
                if (!c.inbound() && c.remote().equals(address(3))) {
                    for (int k = 0; k < 5; k++) {
                        c.send(("slow " + k + " @" + clock.nowMillis()).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            ts.get(4).connections().get(0).inject(new ConnectionFault.Reset());
            ts.get(6).connections().get(0).close();
            ts.get(2).close();
            clock.runUntil(20_000);
            long events = 0;
            for (VirtualScheduler s : shards) {
                events += s.executedEvents();
            }
            return new Run(logs, events);
        }
    }

    @Test
    void streamsCrossShardsTheSameWayOnOneAndTwoThreads() {
        Run one = run(1);
        Run two = run(2);
        assertThat(two.logs()).isEqualTo(one.logs());
        assertThat(two.events()).isEqualTo(one.events());
        List<String> all = one.logs().stream().flatMap(List::stream).toList();
        assertThat(all.stream().filter(e -> e.contains(" connected "))).as("connections opened").hasSizeGreaterThan(20);
        assertThat(all.stream().filter(e -> e.endsWith(" REFUSED"))).as("connects refused: 5 inbound slots").isNotEmpty();
        assertThat(all.stream().filter(e -> e.contains(" got "))).as("frames").hasSizeGreaterThan(400);
        assertThat(all.stream().filter(e -> e.endsWith(" RESET"))).as("resets from the kill and the fault").hasSizeGreaterThan(3);
        assertThat(all.stream().filter(e -> e.endsWith(" REMOTE"))).as("the graceful close").hasSize(1);
        assertThat(all.stream().filter(e -> e.contains("got 0->late"))).as("frames sent by the harness").isNotEmpty();
        assertThat(all.stream().filter(e -> e.contains("got slow "))).as("frames read slowly").hasSize(5);
        // every connection's frames arrive whole and in order
        for (List<String> log : one.logs()) {
            List<String> frames = log.stream().filter(e -> e.contains(" got ") && !e.contains("late") && !e.contains("slow"))
                    .map(e -> e.substring(e.indexOf(" got ") + 5, e.indexOf(" @"))).toList();
            for (String from : frames.stream().map(f -> f.substring(0, f.indexOf(' '))).distinct().toList()) {
                List<Integer> seq = frames.stream().filter(f -> f.startsWith(from + " "))
                        .map(f -> Integer.parseInt(f.substring(f.indexOf(' ') + 1))).toList();
                assertThat(seq).as("frames %s in order", from).isSorted();
            }
        }
    }
}
