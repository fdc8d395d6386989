package io.p2ptestbed.overlay.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.stream.CloseReason;
import io.p2ptestbed.overlay.transport.stream.Connection;
import io.p2ptestbed.overlay.transport.stream.ConnectionFault;
import io.p2ptestbed.overlay.transport.stream.ConnectionHandler;
import io.p2ptestbed.overlay.transport.stream.StreamCounters;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Real TCP streams through Netty, on the node's own address (the same ip and port as its UDP socket; TCP and
 * UDP ports are separate spaces). Every channel of the node, listening, accepted and connected, is registered
 * on the node's one event loop, so callbacks run on the node's scheduler thread. Frames are length-prefixed
 * ({@link StrictFrameDecoder}); a malformed or oversized frame, a half-open connection (silent past the idle
 * timeout) or a send queue overflowing towards a slow reader is counted and closes that connection only: the
 * node keeps serving. Connects go only to addresses the lab predicate admits (127.0.0.0/8 by default), checked
 * before any packet leaves; outbound connects bind the node's own ip so peers see where they come from.
 */
public final class NettyTcpStreams implements StreamTransport {

    /** The default lab: loopback only. */
    public static final Predicate<NodeAddress> LOOPBACK = a -> (a.ip() >>> 24) == 127;

    private static final AtomicLong IDS = new AtomicLong();

    private final EventLoop loop;
    private final NodeAddress local;
    private final StreamLimits limits;
    private final Predicate<NodeAddress> lab;
    private final StreamCounters counters = new StreamCounters();
    private final Map<Long, TcpConnection> conns = new LinkedHashMap<>();
    private volatile Channel server;
    private volatile ConnectionHandler acceptor;
    private int inbound;
    private int outbound;
    private volatile boolean open = true;

    private NettyTcpStreams(EventLoop loop, NodeAddress local, StreamLimits limits, Predicate<NodeAddress> lab) {
        this.loop = loop;
        this.local = local;
        this.limits = limits;
        this.lab = lab;
    }

    /** Listens on {@code address} (blocks until bound), on {@code loop}: the node's event loop. */
    public static NettyTcpStreams bind(EventLoop loop, NodeAddress address, StreamLimits limits, Predicate<NodeAddress> lab)
            throws InterruptedException {
        if (!lab.test(address)) {
            throw new IllegalArgumentException("refusing to listen on " + address + ": outside the lab networks");
        }
        NettyTcpStreams t = new NettyTcpStreams(loop, address, limits, lab);
        ServerBootstrap b = new ServerBootstrap().group(loop, loop).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, t.waterMark())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        t.pipeline(ch, true, null, null);
                    }
                });
        t.server = b.bind(address.toSocketAddress()).sync().channel();
        return t;
    }

    private WriteBufferWaterMark waterMark() {
        int high = (int) Math.min(Integer.MAX_VALUE, limits.maxQueuedBytes());
        return new WriteBufferWaterMark(Math.max(1, high / 2), high);
    }

    private void pipeline(Channel ch, boolean inbound, NodeAddress to, ConnectionHandler handler) {
        if (limits.idleTimeoutMillis() > 0) {
            ch.pipeline().addLast(new IdleStateHandler(limits.idleTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS));
        }
        ch.pipeline().addLast(new StrictFrameDecoder(limits.maxFrameBytes()));
        ch.pipeline().addLast(new LengthFieldPrepender(StrictFrameDecoder.PREFIX_BYTES));
        ch.pipeline().addLast(new TcpConnection(ch, inbound, to, handler));
    }

    public EventLoopScheduler scheduler() {
        return new EventLoopScheduler(loop);
    }

    @Override
    public NodeAddress localAddress() {
        return local;
    }

    @Override
    public void listen(ConnectionHandler acceptor) {
        this.acceptor = acceptor;
    }

    @Override
    public void connect(NodeAddress to, ConnectionHandler handler) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> connect(to, handler));
            return;
        }
        if (!open) {
            throw new IllegalStateException("stream transport of " + local + " is closed");
        }
        if (!lab.test(to)) {
            counters.refusedOutsideLab.incrementAndGet();
            counters.connectFailures.incrementAndGet();
            loop.execute(() -> handler.failed(to, CloseReason.OUTSIDE_LAB));
            return;
        }
        if (outbound >= limits.maxOutbound()) {
            counters.connectFailures.incrementAndGet();
            loop.execute(() -> handler.failed(to, CloseReason.NO_SLOT));
            return;
        }
        outbound++;
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, limits.connectTimeoutMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .localAddress(new InetSocketAddress(local.toSocketAddress().getAddress(), 0))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline(ch, false, to, handler);
                    }
                });
        ChannelFuture f = b.connect(to.toSocketAddress());
        f.addListener(done -> {
            if (!done.isSuccess()) {
                outbound--;
                counters.connectFailures.incrementAndGet();
                Throwable c = done.cause();
                boolean refused = c instanceof java.net.ConnectException && !(c instanceof io.netty.channel.ConnectTimeoutException);
                handler.failed(to, refused ? CloseReason.REFUSED : CloseReason.TIMEOUT);
            }
        });
    }

    @Override
    public List<Connection> connections() {
        return List.copyOf(conns.values());
    }

    @Override
    public StreamLimits limits() {
        return limits;
    }

    @Override
    public StreamCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        Runnable shut = () -> {
            for (TcpConnection c : new ArrayList<>(conns.values())) {
                c.abort(CloseReason.LOCAL);
            }
            if (server != null) {
                server.close();
            }
        };
        if (loop.inEventLoop()) {
            shut.run();
        } else {
            loop.submit(shut).awaitUninterruptibly(5, TimeUnit.SECONDS);
            if (server != null) {
                server.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }

    /** One TCP connection: the last handler of its channel's pipeline. */
    private final class TcpConnection extends ChannelInboundHandlerAdapter implements Connection {
        private final long id = IDS.incrementAndGet();
        private final Channel ch;
        private final boolean isInbound;
        private NodeAddress remote;
        private ConnectionHandler handler;
        private boolean established;
        private boolean counted;
        private CloseReason reason;
        private Object attachment;
        private long slowBytesPerSecond;

        TcpConnection(Channel ch, boolean inbound, NodeAddress to, ConnectionHandler handler) {
            this.ch = ch;
            this.isInbound = inbound;
            this.remote = to;
            this.handler = handler;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (isInbound) {
                remote = NodeAddress.from((InetSocketAddress) ch.remoteAddress());
                ConnectionHandler a = acceptor;
                if (!open || a == null || inbound >= limits.maxInbound()) {
                    counters.refusedSlots.incrementAndGet();
                    reason = CloseReason.REFUSED;
                    ch.config().setOption(ChannelOption.SO_LINGER, 0);
                    ch.close();
                    return;
                }
                handler = a;
                inbound++;
                counters.accepted.incrementAndGet();
            } else {
                counters.opened.incrementAndGet();
            }
            counted = true;
            established = true;
            conns.put(id, this);
            safely(() -> handler.opened(this));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof StrictFrameDecoder.FrameViolation v) {
                if (reason == null) {
                    reason = v.reason();
                }
                return;
            }
            byte[] frame = (byte[]) msg;
            if (!established) {
                return;
            }
            counters.framesReceived.incrementAndGet();
            counters.bytesReceived.addAndGet(frame.length);
            if (slowBytesPerSecond > 0) {
                ch.config().setAutoRead(false);
                long pause = Math.max(1, frame.length * 1000L / slowBytesPerSecond);
                loop.schedule(() -> ch.config().setAutoRead(true), pause, TimeUnit.MILLISECONDS);
            }
            safely(() -> handler.frame(this, frame));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent e && e.state() == IdleState.READER_IDLE) {
                abort(CloseReason.HALF_OPEN);
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            if (c instanceof StrictFrameDecoder.FrameViolation v) {
                abort(v.reason());
            } else if (c instanceof IOException) {
                if (reason == null) {
                    reason = CloseReason.RESET;
                }
                ch.close();
            } else {
                counters.handlerErrors.incrementAndGet();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!counted) {
                return;
            }
            counted = false;
            established = false;
            conns.remove(id);
            if (isInbound) {
                inbound--;
            } else {
                outbound--;
            }
            CloseReason r = reason == null ? CloseReason.REMOTE : reason;
            counters.closedBy(r);
            safely(() -> handler.closed(this, r));
        }

        private void safely(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                counters.handlerErrors.incrementAndGet();
            }
        }

        void abort(CloseReason why) {
            if (reason == null) {
                reason = why;
            }
            if (ch.isOpen()) {
                ch.config().setOption(ChannelOption.SO_LINGER, 0);
                ch.close();
            }
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public NodeAddress remote() {
            return remote;
        }

        @Override
        public boolean inbound() {
            return isInbound;
        }

        @Override
        public boolean isOpen() {
            return established && ch.isActive() && reason == null;
        }

        @Override
        public boolean send(byte[] frame) {
            limits.checkFrame(frame);
            if (!isOpen()) {
                return false;
            }
            if (!ch.isWritable()) {
                abort(CloseReason.OVERLOADED);
                return false;
            }
            counters.framesSent.incrementAndGet();
            counters.bytesSent.addAndGet(frame.length);
            ch.writeAndFlush(Unpooled.wrappedBuffer(frame), ch.voidPromise());
            return true;
        }

        @Override
        public void close() {
            if (reason == null) {
                reason = CloseReason.LOCAL;
            }
            ch.close();
        }

        @Override
        public void reset() {
            abort(CloseReason.LOCAL);
        }

        @Override
        public void inject(ConnectionFault fault) {
            if (!loop.inEventLoop()) {
                loop.execute(() -> inject(fault));
                return;
            }
            if (fault instanceof ConnectionFault.Reset) {
                abort(CloseReason.RESET);
            } else if (fault instanceof ConnectionFault.Stall st) {
                ch.config().setAutoRead(false);
                loop.schedule(() -> ch.config().setAutoRead(true), st.millis(), TimeUnit.MILLISECONDS);
            } else if (fault instanceof ConnectionFault.SlowReader sr) {
                slowBytesPerSecond = sr.bytesPerSecond();
            }
        }

        @Override
        public Object attachment() {
            return attachment;
        }

        @Override
        public void attach(Object attachment) {
            this.attachment = attachment;
        }

        @Override
        public String toString() {
            return (isInbound ? "in " : "out ") + local + (isInbound ? " <- " : " -> ") + remote + " #" + id;
        }
    }
}
