package io.p2ptestbed.overlay.node.control;

/**
 * Frames between the harness and a {@link SocketHostMain} over one TCP connection, all big-endian,
 * version {@value #VERSION}. The socket host owns UDP sockets and TCP stream endpoints on its container's IPs;
 * the harness runs the attack logic and uses them as remote transports, so attack traffic really leaves the
 * attacker's container from the attacker's own addresses.
 * <pre>
 *   host -> harness  HELLO   u8 0, u16 version
 *   harness -> host  OPEN    u8 1, i32 ip, u16 port                     bind a UDP socket (ip 0 = any)
 *   host -> harness  OPENED  u8 1, i32 ip, u16 port, u8 ok, u16 n, n bytes UTF-8 error (empty when ok)
 *   harness -> host  SEND    u8 2, i32 srcIp, u16 srcPort, i32 dstIp, u16 dstPort, u16 n, n bytes
 *   host -> harness  RECV    u8 2, i32 localIp, u16 localPort, i32 srcIp, u16 srcPort, u16 n, n bytes
 *   harness -> host  CLOSE   u8 3, i32 ip, u16 port
 * </pre>
 * Streams (version 2): a stream endpoint is a {@code NettyTcpStreams} in the container (real TCP, length-prefixed
 * frames checked by its strict decoder, slots and timeouts from the limits sent), listening at ip:port; its
 * outbound connections leave from that ip. Connection ids are the host's, unique in the host.
 * <pre>
 *   harness -> host  S_BIND     u8 4, i32 ip, u16 port, i32 maxInbound, i32 maxOutbound, i32 maxFrameBytes,
 *                               i64 maxQueuedBytes, i64 connectTimeoutMs, i64 stallTimeoutMs, i64 idleTimeoutMs
 *   host -> harness  S_BOUND    u8 4, i32 ip, u16 port, u8 ok, u16 n, n bytes UTF-8 error (empty when ok)
 *   harness -> host  S_CONNECT  u8 5, i32 ip, u16 port, i64 request, i32 dstIp, u16 dstPort
 *   host -> harness  S_OPENED   u8 5, i32 ip, u16 port, i64 conn, i64 request (-1: inbound), i32 remoteIp, u16 remotePort
 *   host -> harness  S_FAILED   u8 6, i32 ip, u16 port, i64 request, u8 CloseReason ordinal, u16 n, n bytes UTF-8 why
 *   harness -> host  S_SEND     u8 7, i64 conn, i32 n, n bytes (one frame)
 *   host -> harness  S_FRAME    u8 7, i64 conn, i32 n, n bytes (one frame)
 *   harness -> host  S_CLOSE    u8 8, i64 conn, u8 mode (0 close, 1 reset)
 *   host -> harness  S_CLOSED   u8 8, i64 conn, u8 CloseReason ordinal
 *   harness -> host  S_FAULT    u8 9, i64 conn, u16 n, n bytes UTF-8 fault (ConnectionFault.parse: reset, stall:MS, slow:B)
 *   harness -> host  S_UNBIND   u8 10, i32 ip, u16 port                  closes the endpoint and its connections
 * </pre>
 * The host refuses a connect to anything outside {@code --allow} (S_FAILED with OUTSIDE_LAB and the reason) before a
 * packet leaves, and binds only inside it. Closing the connection closes every socket and endpoint the host opened
 * for it.
 */
public final class SocketHostProtocol {

    public static final int VERSION = 2;
    public static final int HELLO = 0;
    public static final int OPEN = 1;
    public static final int SEND = 2;
    /** Same code as SEND, in the other direction. */
    public static final int RECV = 2;
    public static final int CLOSE = 3;
    /** Same code for the request and its answer ({@code S_BOUND}). */
    public static final int S_BIND = 4;
    /** Same code for the request and the host's {@code S_OPENED}. */
    public static final int S_CONNECT = 5;
    public static final int S_OPENED = 5;
    public static final int S_FAILED = 6;
    /** Same code for the harness' {@code S_SEND} and the host's {@code S_FRAME}. */
    public static final int S_SEND = 7;
    public static final int S_FRAME = 7;
    /** Same code for the harness' {@code S_CLOSE} and the host's {@code S_CLOSED}. */
    public static final int S_CLOSE = 8;
    public static final int S_CLOSED = 8;
    public static final int S_FAULT = 9;
    public static final int S_UNBIND = 10;
    /** {@code S_OPENED}'s request field for an inbound connection. */
    public static final long INBOUND = -1;

    private SocketHostProtocol() {}
}
