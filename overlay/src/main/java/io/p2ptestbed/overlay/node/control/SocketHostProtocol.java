package io.p2ptestbed.overlay.node.control;

/**
 * Frames between the harness and a {@link SocketHostMain} over one TCP connection, all big-endian,
 * version {@value #VERSION}. The socket host owns UDP sockets on its container's IPs; the harness runs the
 * attack logic and uses them as remote transports, so attack traffic really leaves the attacker's
 * container from the attacker's own addresses.
 * <pre>
 *   host -> harness  HELLO   u8 0, u16 version
 *   harness -> host  OPEN    u8 1, i32 ip, u16 port                     bind a UDP socket (ip 0 = any)
 *   host -> harness  OPENED  u8 1, i32 ip, u16 port, u8 ok, u16 n, n bytes UTF-8 error (empty when ok)
 *   harness -> host  SEND    u8 2, i32 srcIp, u16 srcPort, i32 dstIp, u16 dstPort, u16 n, n bytes
 *   host -> harness  RECV    u8 2, i32 localIp, u16 localPort, i32 srcIp, u16 srcPort, u16 n, n bytes
 *   harness -> host  CLOSE   u8 3, i32 ip, u16 port
 * </pre>
 * Closing the connection closes every socket the host opened for it.
 */
public final class SocketHostProtocol {

    public static final int VERSION = 1;
    public static final int HELLO = 0;
    public static final int OPEN = 1;
    public static final int SEND = 2;
    /** Same code as SEND, in the other direction. */
    public static final int RECV = 2;
    public static final int CLOSE = 3;

    private SocketHostProtocol() {}
}
