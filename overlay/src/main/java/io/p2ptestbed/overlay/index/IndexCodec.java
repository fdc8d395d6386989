package io.p2ptestbed.overlay.index;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The central index's wire format, strict: one message per UDP datagram, big-endian.
 *
 * <pre>
 * header   'I' 'X' version(1) type(1) txid(4)
 * REGISTER (1)   ip(4, 0 = the datagram's source) port(2) count(1) count × name
 * REGISTERED (2) pending(1: 0 or 1)
 * QUERY (3)      name want(1, 1..MAX_PEERS)
 * RESULTS (4)    count(1) count × (ip(4) port(2))
 * PROBE (5)      registration txid(4) nonce(8)
 * PROBE_ACK (6)  nonce(8)
 * PING (7), PONG (8)  nothing
 * name     length(1, 1..64) bytes of printable ASCII (0x21..0x7e)
 * </pre>
 *
 * Anything else (wrong magic or version, unknown type, a count past its bound, a name out of its alphabet,
 * bytes left over or missing) is refused with a {@link Malformed} naming what is wrong.
 */
public final class IndexCodec {

    public static final int VERSION = 1;
    public static final int HEADER = 8;
    public static final int MAX_NAMES = 32;
    public static final int MAX_NAME = 64;
    public static final int MAX_PEERS = 100;
    public static final int MAX_DATAGRAM = 1472;

    static final int REGISTER = 1;
    static final int REGISTERED = 2;
    static final int QUERY = 3;
    static final int RESULTS = 4;
    static final int PROBE = 5;
    static final int PROBE_ACK = 6;
    static final int PING = 7;
    static final int PONG = 8;

    /** A datagram that is not a well-formed index message. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    private IndexCodec() {}

    public static byte[] encode(IndexMessage m) {
        ByteBuffer b = ByteBuffer.allocate(MAX_DATAGRAM);
        b.put((byte) 'I').put((byte) 'X').put((byte) VERSION).put((byte) type(m)).putInt(m.txid());
        if (m instanceof IndexMessage.Register r) {
            b.putInt(r.peer().ip()).putShort((short) r.peer().port());
            if (r.files().size() > MAX_NAMES) {
                throw new IllegalArgumentException("at most " + MAX_NAMES + " files per registration, got " + r.files().size());
            }
            b.put((byte) r.files().size());
            r.files().forEach(f -> putName(b, f));
        } else if (m instanceof IndexMessage.Registered r) {
            b.put((byte) (r.pending() ? 1 : 0));
        } else if (m instanceof IndexMessage.Query q) {
            putName(b, q.file());
            b.put((byte) q.want());
        } else if (m instanceof IndexMessage.Results r) {
            if (r.peers().size() > MAX_PEERS) {
                throw new IllegalArgumentException("at most " + MAX_PEERS + " peers per answer, got " + r.peers().size());
            }
            b.put((byte) r.peers().size());
            r.peers().forEach(p -> b.putInt(p.ip()).putShort((short) p.port()));
        } else if (m instanceof IndexMessage.Probe p) {
            b.putInt(p.registration()).putLong(p.nonce());
        } else if (m instanceof IndexMessage.ProbeAck a) {
            b.putLong(a.nonce());
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static int type(IndexMessage m) {
        if (m instanceof IndexMessage.Register) {
            return REGISTER;
        } else if (m instanceof IndexMessage.Registered) {
            return REGISTERED;
        } else if (m instanceof IndexMessage.Query) {
            return QUERY;
        } else if (m instanceof IndexMessage.Results) {
            return RESULTS;
        } else if (m instanceof IndexMessage.Probe) {
            return PROBE;
        } else if (m instanceof IndexMessage.ProbeAck) {
            return PROBE_ACK;
        } else if (m instanceof IndexMessage.Ping) {
            return PING;
        }
        return PONG;
    }

    /** Writes a file name: its length, then its bytes. */
    public static void putName(ByteBuffer b, String name) {
        checkName(name);
        b.put((byte) name.length()).put(name.getBytes(StandardCharsets.US_ASCII));
    }

    /** A file name the wire can carry: 1..64 printable ASCII characters without spaces. */
    public static String checkName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a file name has 1 to " + MAX_NAME + " characters, got " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("a file name is printable ASCII without spaces, got '" + name + "'");
            }
        }
        return name;
    }

    public static IndexMessage decode(byte[] d) throws Malformed {
        if (d.length < HEADER) {
            throw new Malformed("a datagram of " + d.length + " bytes is shorter than the " + HEADER + "-byte header");
        }
        if (d.length > MAX_DATAGRAM) {
            throw new Malformed("a datagram of " + d.length + " bytes is longer than " + MAX_DATAGRAM);
        }
        if (d[0] != 'I' || d[1] != 'X') {
            throw new Malformed("bad magic: not an index message");
        }
        if (d[2] != VERSION) {
            throw new Malformed("unknown version " + (d[2] & 0xFF));
        }
        ByteBuffer b = ByteBuffer.wrap(d);
        b.position(4);
        int txid = b.getInt();
        try {
            IndexMessage m = switch (d[3]) {
                case REGISTER -> {
                    NodeAddress peer = new NodeAddress(b.getInt(), b.getShort() & 0xFFFF);
                    int n = count(b, MAX_NAMES, "files");
                    List<String> files = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        files.add(name(b));
                    }
                    yield new IndexMessage.Register(txid, peer, List.copyOf(files));
                }
                case REGISTERED -> {
                    int p = b.get() & 0xFF;
                    if (p > 1) {
                        throw new Malformed("REGISTERED's pending flag is 0 or 1, got " + p);
                    }
                    yield new IndexMessage.Registered(txid, p == 1);
                }
                case QUERY -> {
                    String name = name(b);
                    int want = b.get() & 0xFF;
                    if (want < 1 || want > MAX_PEERS) {
                        throw new Malformed("QUERY asks for 1 to " + MAX_PEERS + " peers, got " + want);
                    }
                    yield new IndexMessage.Query(txid, name, want);
                }
                case RESULTS -> {
                    int n = count(b, MAX_PEERS, "peers");
                    List<NodeAddress> peers = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        int ip = b.getInt();
                        int port = b.getShort() & 0xFFFF;
                        if (port == 0) {
                            throw new Malformed("RESULTS lists a peer with port 0");
                        }
                        peers.add(new NodeAddress(ip, port));
                    }
                    yield new IndexMessage.Results(txid, List.copyOf(peers));
                }
                case PROBE -> new IndexMessage.Probe(txid, b.getInt(), b.getLong());
                case PROBE_ACK -> new IndexMessage.ProbeAck(txid, b.getLong());
                case PING -> new IndexMessage.Ping(txid);
                case PONG -> new IndexMessage.Pong(txid);
                default -> throw new Malformed("unknown message type " + (d[3] & 0xFF));
            };
            if (b.hasRemaining()) {
                throw new Malformed(b.remaining() + " bytes left over after a message of type " + d[3]);
            }
            return m;
        } catch (java.nio.BufferUnderflowException e) {
            throw new Malformed("message of type " + (d[3] & 0xFF) + " cut off after " + d.length + " bytes");
        }
    }

    /** Reads a one-byte count, at most {@code max}. */
    public static int count(ByteBuffer b, int max, String what) throws Malformed {
        int n = b.get() & 0xFF;
        if (n > max) {
            throw new Malformed("at most " + max + " " + what + ", got " + n);
        }
        return n;
    }

    /** Reads a file name written by {@link #putName}. */
    public static String name(ByteBuffer b) throws Malformed {
        int len = b.get() & 0xFF;
        if (len < 1 || len > MAX_NAME) {
            throw new Malformed("a file name has 1 to " + MAX_NAME + " bytes, got " + len);
        }
        byte[] raw = new byte[len];
        b.get(raw);
        for (byte x : raw) {
            if (x < 0x21 || x > 0x7e) {
                throw new Malformed("a file name is printable ASCII without spaces; byte 0x" + Integer.toHexString(x & 0xFF));
            }
        }
        return new String(raw, StandardCharsets.US_ASCII);
    }
}
