package io.p2ptestbed.harness.runtime;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.time.SystemClock;
import io.p2ptestbed.overlay.transport.netty.NettyTcpStreams;
import io.p2ptestbed.overlay.transport.netty.NettyUdpTransport;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Every node a real Netty UDP socket on its own 127.0.0.0/8 address, all sharing a small event-loop
 * group. Time is wall-clock time; the id and randomness still come from the seed.
 */
public final class LoopbackRuntime extends LocalRuntime {

    private final EventLoopGroup group;

    public LoopbackRuntime(Scenario scenario) {
        super(scenario);
        this.group = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** The event-loop group every node socket is registered on; attackers bind their sockets on it too. */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.LOOPBACK;
    }

    @Override
    protected Wiring wire(NodeAddress address) {
        // A restarted node rebinds its old address; NIO releases a closed socket's port only on the
        // selector's next pass, so retry "address in use" briefly (bounded: 2 s).
        for (int attempt = 0; ; attempt++) {
            try {
                NettyUdpTransport t = NettyUdpTransport.bind(group, address);
                if (protocol().usesStreams()) {
                    try {
                        return new Wiring(t, t.scheduler(), NettyTcpStreams.bind(t.eventLoop(), address, StreamLimits.DEFAULT,
                                NettyTcpStreams.LOOPBACK));
                    } catch (Exception e) {
                        t.close();
                        throw e;
                    }
                }
                return new Wiring(t, t.scheduler());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding " + address, e);
            } catch (Exception e) {
                if (attempt >= 100 || !String.valueOf(e.getMessage()).contains("in use")) {
                    throw new IllegalStateException("cannot bind the UDP (and TCP, for stream overlays) sockets on " + address + ": " + e.getMessage(), e);
                }
                advance(20);
            }
        }
    }

    /** A TCP listener alone (no UDP socket), on the next event loop of the group. */
    @Override
    protected Wiring wireStreamsOnly(NodeAddress address) {
        if (!protocol().usesStreams()) {
            return wire(address);
        }
        try {
            NettyTcpStreams s = NettyTcpStreams.bind(group.next(), address, StreamLimits.DEFAULT, NettyTcpStreams.LOOPBACK);
            return new Wiring(null, s.scheduler(), s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + address, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind the TCP listener of attacker address " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected <T> List<T> awaitAll(List<CompletableFuture<T>> futures, long timeoutMillis) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // fall through: unfinished or failed futures become null results
        }
        List<T> out = new ArrayList<>(futures.size());
        for (CompletableFuture<T> f : futures) {
            out.add(f.isDone() && !f.isCompletedExceptionally() ? f.join() : null);
        }
        return out;
    }

    @Override
    protected <T> T onNodeThread(OverlayNode node, Supplier<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        node.scheduler().execute(() -> {
            try {
                f.complete(call.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Override
    protected int maxConcurrentJoins() {
        return 32;
    }

    /**
     * Routes of one batch under way at once. Thousands at once (Fig. 10's 5,000 a phase; 500 lookups that each fan out
     * into a redundant route through the 16 leaves) queued tens of thousands of datagrams on the two event loops of a
     * loaded 2-core machine: requests then waited there longer than their timeouts, live nodes were taken for failed,
     * and lookups took over a minute.
     */
    @Override
    protected int maxConcurrentRoutes() {
        return 64;
    }

    @Override
    public long nowMillis() {
        return SystemClock.INSTANCE.nowMillis();
    }

    @Override
    public void advance(long millis) {
        SystemClock.INSTANCE.sleep(millis);
    }

    @Override
    public void close() {
        stopExtra();
        for (LocalNode n : nodes) {
            if (n.alive()) {
                kill(n);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
