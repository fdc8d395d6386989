package io.p2ptestbed.overlay.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.netty.NettyTcpStreams;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real TCP on loopback: framing, slots, lab guard, bad input and faults. */
class NettyTcpStreamsTest {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TESTBED_LAB_7431", "7431"));
    static final NodeAddress A = NodeAddress.of(127, 0, 31, 1, PORT);
    static final NodeAddress B = NodeAddress.of(127, 0, 31, 2, PORT);

    NioEventLoopGroup group;
    NettyTcpStreams a;
    NettyTcpStreams b;
    final Recorder client = new Recorder();
    final Recorder server = new Recorder();

    @BeforeEach
    void setUp() {
        group = new NioEventLoopGroup(2);
    }

    @AfterEach
    void tearDown() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    void open(StreamLimits limits) throws Exception {
        EventLoop la = group.next();
        EventLoop lb = group.next();
        a = NettyTcpStreams.bind(la, A, limits, NettyTcpStreams.LOOPBACK);
        b = NettyTcpStreams.bind(lb, B, limits, NettyTcpStreams.LOOPBACK);
        b.listen(server);
    }

    static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    Connection connected() throws Exception {
        a.connect(B, client);
        await(() -> client.connections.size() == 1 && server.connections.size() == 1, "connection");
        return client.connections.get(0);
    }

    @Test
    void framesRoundTripInOrderAndPeersSeeTheNodesOwnIp() throws Exception {
        open(StreamLimits.DEFAULT);
        Connection c = connected();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String m = "frame-" + i;
            sent.add(m);
            a.scheduler().execute(() -> c.send(m.getBytes(StandardCharsets.UTF_8)));
        }
        await(() -> server.frameTexts().size() == 500, "500 frames");
        assertEquals(sent, server.frameTexts());
        Connection s = server.connections.get(0);
        assertEquals(A.ip(), s.remote().ip(), "outbound connects bind the node's own ip");
        assertTrue(s.inbound());
        b.scheduler().execute(() -> s.send(new byte[65_536]));
        await(() -> client.frames.size() == 1, "a frame of the maximum size");
        assertEquals(65_536, client.frames.get(0).length);
    }

    /** Writes raw bytes to B from a plain socket on the test's own loopback address, then reads until closed. */
    private boolean rawSessionClosedByServer(byte[] bytes) throws Exception {
        try (Socket s = rawSocket()) {
            s.connect(B.toSocketAddress(), 5_000);
            s.setSoTimeout(5_000);
            new DataOutputStream(s.getOutputStream()).write(bytes);
            InputStream in = s.getInputStream();
            return in.read() == -1;
        } catch (java.net.SocketException reset) {
            return true; // the server reset the connection (possibly while it was being set up)
        }
    }

    private static Socket rawSocket() throws java.io.IOException {
        Socket s = new Socket();
        s.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.31.9"), 0));
        return s;
    }

    @Test
    void badInputIsCountedAndClosedAndTheNodeKeepsServing() throws Exception {
        open(StreamLimits.DEFAULT.withMaxFrameBytes(1_000));
        // oversized: the length prefix alone is enough to refuse
        assertTrue(rawSessionClosedByServer(new byte[] {0, 0, 0x10, 0}));
        await(() -> b.counters().oversized.get() == 1, "oversized counted");
        // zero-length frame
        assertTrue(rawSessionClosedByServer(new byte[] {0, 0, 0, 0}));
        await(() -> b.counters().malformed.get() == 1, "malformed counted");
        // negative (above 2^31) length
        assertTrue(rawSessionClosedByServer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
        await(() -> b.counters().oversized.get() == 2, "huge length counted as oversized");
        // truncated: a frame announced as 10 bytes, 3 sent, then the client goes away
        try (Socket s = rawSocket()) {
            s.connect(B.toSocketAddress(), 5_000);
            s.getOutputStream().write(new byte[] {0, 0, 0, 10, 1, 2, 3});
        }
        await(() -> b.counters().malformed.get() == 2, "truncated frame counted as malformed");
        assertEquals(List.of(CloseReason.OVERSIZED, CloseReason.MALFORMED, CloseReason.OVERSIZED, CloseReason.MALFORMED),
                server.closes);
        // and the node still serves a well-behaved peer
        Connection c = connectedAfter(4);
        a.scheduler().execute(() -> c.send("still here".getBytes(StandardCharsets.UTF_8)));
        await(() -> server.frameTexts().contains("still here"), "a good frame after the bad ones");
    }

    private Connection connectedAfter(int earlier) throws Exception {
        a.connect(B, client);
        await(() -> client.connections.size() == 1 && server.connections.size() == earlier + 1, "connection");
        return client.connections.get(0);
    }

    @Test
    void halfOpenConnectionsAreClosedAtTheIdleTimeout() throws Exception {
        open(StreamLimits.DEFAULT.withIdleTimeout(300));
        try (Socket s = rawSocket()) {
            s.connect(B.toSocketAddress(), 5_000);
            await(() -> b.counters().halfOpen.get() == 1, "half-open counted");
        }
        assertEquals(List.of(CloseReason.HALF_OPEN), server.closes);
    }

    @Test
    void slotsAndTheLabGuard() throws Exception {
        open(StreamLimits.DEFAULT.withSlots(1, 1));
        a.connect(NodeAddress.of(8, 8, 8, 8, 53), client);
        await(() -> client.failures.size() == 1, "refusal outside the lab");
        assertEquals(CloseReason.OUTSIDE_LAB, client.failures.get(0));
        assertEquals(1, a.counters().refusedOutsideLab.get());
        Connection c = connected();
        a.connect(B, client);
        await(() -> client.failures.size() == 2, "no second outbound slot");
        assertEquals(CloseReason.NO_SLOT, client.failures.get(1));
        assertTrue(rawSessionClosedByServer(new byte[] {0, 0, 0, 1, 42}), "no second inbound slot");
        await(() -> b.counters().refusedSlots.get() == 1, "refused slot counted");
        assertTrue(c.isOpen());
        a.connect(NodeAddress.of(127, 0, 31, 3, PORT), new Recorder());
    }

    @Test
    void resetAndStallFaults() throws Exception {
        open(StreamLimits.DEFAULT);
        Connection c = connected();
        Connection s = server.connections.get(0);
        s.inject(new ConnectionFault.Stall(400));
        Thread.sleep(50);
        a.scheduler().execute(() -> c.send("late".getBytes(StandardCharsets.UTF_8)));
        Thread.sleep(200);
        assertEquals(List.of(), server.frameTexts(), "a stalled reader reads nothing");
        await(() -> server.frameTexts().equals(List.of("late")), "the frame after the stall");
        c.inject(new ConnectionFault.Reset());
        await(() -> server.closes.size() == 1 && client.closes.size() == 1, "both ends closed");
        assertEquals(List.of(CloseReason.RESET), server.closes);
        assertEquals(List.of(CloseReason.RESET), client.closes);
    }

    @Test
    void connectingToNobodyIsRefused() throws Exception {
        open(StreamLimits.DEFAULT);
        a.connect(NodeAddress.of(127, 0, 31, 4, PORT), client);
        await(() -> client.failures.size() == 1, "refusal");
        assertEquals(CloseReason.REFUSED, client.failures.get(0));
    }
}
