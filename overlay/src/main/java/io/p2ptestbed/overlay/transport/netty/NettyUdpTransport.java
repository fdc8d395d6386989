package io.p2ptestbed.overlay.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
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

    private final Channel channel;
    private final NodeAddress local;
    private final AtomicLong handlerErrors = new AtomicLong();
    private volatile DatagramHandler handler;

    private NettyUdpTransport(Channel channel, NodeAddress local) {
        this.channel = channel;
        this.local = local;
    }

    /** Binds a UDP socket on {@code bind}; blocks until bound. */
    public static NettyUdpTransport bind(EventLoopGroup group, NodeAddress bind) throws InterruptedException {
        NettyUdpTransport[] holder = new NettyUdpTransport[1];
        Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 1 << 18)
                .option(ChannelOption.SO_SNDBUF, 1 << 18)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        holder[0].receive(p);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        holder[0].handlerErrors.incrementAndGet();
                    }
                });
        Channel ch = b.bind(bind.toSocketAddress()).sync().channel();
        NodeAddress actual = NodeAddress.from((java.net.InetSocketAddress) ch.localAddress());
        holder[0] = new NettyUdpTransport(ch, actual);
        return holder[0];
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
    }
}
