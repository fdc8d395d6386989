package io.p2ptestbed.overlay.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.p2ptestbed.overlay.bencode.BencodeLimits;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real UDP through Netty. One channel per node; the node's callbacks run on that channel's event loop,
 * so the node itself stays single-threaded. Handler exceptions are caught and counted: a bad datagram
 * never closes the socket.
 */
public final class NettyUdpTransport implements Transport {

    private final AtomicLong handlerErrors = new AtomicLong();
    private volatile Channel channel;
    private volatile NodeAddress local;
    private volatile DatagramHandler handler;

    private NettyUdpTransport() {}

    /**
     * Binds a UDP socket on {@code bind}; blocks until bound. The receive buffer holds the largest
     * datagram the codec accepts plus one byte, so an oversized datagram is seen as oversized rather
     * than silently cut to Netty's 2 KB default.
     */
    public static NettyUdpTransport bind(EventLoopGroup group, NodeAddress bind) throws InterruptedException {
        NettyUdpTransport t = new NettyUdpTransport();
        Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 1 << 18)
                .option(ChannelOption.SO_SNDBUF, 1 << 18)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(BencodeLimits.KRPC.maxInputBytes() + 1))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        t.receive(p);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        t.handlerErrors.incrementAndGet();
                    }
                });
        Channel ch = b.bind(bind.toSocketAddress()).sync().channel();
        t.local = NodeAddress.from((java.net.InetSocketAddress) ch.localAddress());
        t.channel = ch;
        return t;
    }

    private void receive(DatagramPacket p) {
        DatagramHandler h = handler;
        if (h == null) {
            return;
        }
        ByteBuf buf = p.content();
        byte[] data = new byte[buf.readableBytes()];
        buf.readBytes(data);
        NodeAddress from;
        try {
            from = NodeAddress.from(p.sender());
        } catch (IllegalArgumentException e) {
            handlerErrors.incrementAndGet();
            return;
        }
        try {
            h.onDatagram(from, data);
        } catch (RuntimeException e) {
            handlerErrors.incrementAndGet();
        }
    }

    /** The event loop the socket is registered on: the node's thread (its stream transport joins it). */
    public io.netty.channel.EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public EventLoopScheduler scheduler() {
        return new EventLoopScheduler(channel.eventLoop());
    }

    public long handlerErrors() {
        return handlerErrors.get();
    }

    @Override
    public NodeAddress localAddress() {
        return local;
    }

    @Override
    public void send(NodeAddress to, byte[] datagram) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to.toSocketAddress()), channel.voidPromise());
    }

    @Override
    public void setHandler(DatagramHandler handler) {
        this.handler = handler;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        // NIO closes the file descriptor only when the selector next processes its cancelled keys;
        // two timed event-loop passes make sure the port is free for an immediate rebind.
        // (Not possible from the event loop itself, which must never block; callers there retry a rebind.)
        for (int pass = 0; pass < 2 && !channel.eventLoop().inEventLoop(); pass++) {
            channel.eventLoop().schedule(() -> { }, 1, java.util.concurrent.TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
    }
}
