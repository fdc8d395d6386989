package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.ethereum.Rlp.Bytes;
import io.p2ptestbed.overlay.ethereum.Rlp.ItemList;
import io.p2ptestbed.overlay.ethereum.Rlp.RlpException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * devp2p's messages on a connection (devp2p rlpx.md, "p2p capability", and the eth subprotocol): a frame is
 * {@code rlp(msg-id) || rlp(msg-data)}. Hello (0x00), Disconnect (0x01), Ping (0x02), Pong (0x03), and eth's
 * Status (0x10 + 0x00) and Transactions (0x10 + 0x02). Each message travels in one RLPx frame ({@link Rlpx}).
 *
 * <p>The Hello advertises p2p version 5, as geth 1.7/1.8: once both Hellos are exchanged and both ends speak 5 or more,
 * every message's data (after the message id) is Snappy-compressed ({@link Snappy}); with a version-4 peer nothing is.
 *
 * <p>A lab departure, stated: a Transactions entry is {@code [hops, tx]}, the relaying node's hop count next to the
 * legacy transaction {@code [nonce, gasPrice, gas, to, value, data, v, r, s]}, so deliveries have hops (Ethereum has
 * none; real nodes would not parse these entries).
 */
public final class DevP2p {

    public static final int P2P_VERSION = 5;
    /** The first p2p version that compresses with Snappy (geth's snappyProtocolVersion). */
    public static final int SNAPPY_VERSION = 5;
    public static final int ETH_OFFSET = 0x10;
    public static final int STATUS = ETH_OFFSET;
    public static final int TRANSACTIONS = ETH_OFFSET + 0x02;
    /** The eth version these nodes speak (geth 1.7/1.8: 62 and 63). */
    public static final int ETH_VERSION = 63;
    /** The main network's genesis block hash and difficulty (the lab's nodes have no chain past it). */
    public static final byte[] MAINNET_GENESIS = java.util.HexFormat.of()
            .parseHex("d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3");
    public static final java.math.BigInteger GENESIS_DIFFICULTY = java.math.BigInteger.valueOf(17_179_869_184L);
    /** Disconnect reasons (rlpx.md). */
    public static final int DISC_REQUESTED = 0x00;
    public static final int DISC_PROTOCOL_ERROR = 0x02;
    public static final int DISC_USELESS_PEER = 0x03;
    public static final int DISC_TOO_MANY_PEERS = 0x04;
    public static final int DISC_ALREADY_CONNECTED = 0x05;
    public static final int DISC_UNEXPECTED_IDENTITY = 0x09;
    public static final int DISC_SELF = 0x0a;
    /** geth's reason when a subprotocol's handshake fails (eth Status: another network or genesis). */
    public static final int DISC_SUBPROTOCOL_ERROR = 0x10;
    /** Transactions in one message at most. */
    public static final int MAX_TXS = 4096;

    private DevP2p() {}

    public sealed interface Msg permits Hello, Disconnect, PingMsg, PongMsg, Status, Transactions {}

    public record Cap(String name, int version) {}

    public record Hello(int version, String clientId, List<Cap> caps, int listenPort, byte[] nodeId) implements Msg {}

    public record Disconnect(int reason) implements Msg {}

    public record PingMsg() implements Msg {}

    public record PongMsg() implements Msg {}

    /** eth's Status (eth/62, eth/63): the first eth message each end sends. */
    public record Status(int version, long networkId, java.math.BigInteger totalDifficulty, byte[] bestHash, byte[] genesisHash)
            implements Msg {

        /** A node with no chain past {@code genesis} on {@code networkId}. */
        public static Status at(long networkId, byte[] genesis) {
            return new Status(ETH_VERSION, networkId, GENESIS_DIFFICULTY, genesis, genesis);
        }

        /** Why a peer with this Status cannot be an eth peer of {@code ours} (geth's readStatus), or null. */
        public String mismatch(Status ours) {
            if (version != ours.version) {
                return "eth version " + version + ", ours " + ours.version;
            }
            if (networkId != ours.networkId) {
                return "network id " + networkId + ", ours " + ours.networkId;
            }
            if (!java.util.Arrays.equals(genesisHash, ours.genesisHash)) {
                return "another genesis block";
            }
            return null;
        }
    }

    /** A legacy transaction; {@code raw} is its RLP encoding (its hash is keccak256(raw)). */
    public record Tx(long nonce, byte[] to, byte[] data, byte[] raw) {
        public byte[] hash() {
            return NodeKey.keccak256(raw);
        }
    }

    public record HopTx(int hops, Tx tx) {}

    public record Transactions(List<HopTx> txs) implements Msg {}

    /** A refused frame. */
    public static final class MalformedFrame extends IllegalArgumentException {
        public MalformedFrame(String message) {
            super(message);
        }
    }

    /** Builds and signs (Homestead, v = 27 + recovery id) a transaction of {@code data} from {@code key}. */
    public static Tx transaction(NodeKey key, long nonce, byte[] to, byte[] data) {
        List<Object> unsigned = List.of(nonce, 1_000_000_000L, 21_000L + 16L * data.length, to, 0L, data);
        byte[] sig = key.sign(NodeKey.keccak256(Rlp.encode(unsigned)));
        List<Object> signed = new ArrayList<>(unsigned);
        signed.add(27L + sig[64]);
        signed.add(trim(java.util.Arrays.copyOfRange(sig, 0, 32)));
        signed.add(trim(java.util.Arrays.copyOfRange(sig, 32, 64)));
        return new Tx(nonce, to, data, Rlp.encode(signed));
    }

    private static byte[] trim(byte[] b) {
        int i = 0;
        while (i < b.length && b[i] == 0) {
            i++;
        }
        return java.util.Arrays.copyOfRange(b, i, b.length);
    }

    /** The frame of {@code m}, its data Snappy-compressed when {@code snappy} (both ends past the Hellos, version 5). */
    public static byte[] encode(Msg m, boolean snappy) {
        byte[] f = encode(m);
        if (!snappy) {
            return f;
        }
        int idLen = Rlp.itemLength(f, 0, f.length);
        byte[] data = Snappy.compress(Arrays.copyOfRange(f, idLen, f.length));
        byte[] out = Arrays.copyOf(f, idLen + data.length);
        System.arraycopy(data, 0, out, idLen, data.length);
        return out;
    }

    /** Decodes a frame whose data is Snappy-compressed when {@code snappy}; malformed or oversized data is refused. */
    public static Msg decode(byte[] f, boolean snappy) {
        if (!snappy) {
            return decode(f);
        }
        int idLen;
        try {
            if (f.length == 0) {
                throw new RlpException("empty frame");
            }
            idLen = Rlp.itemLength(f, 0, f.length);
        } catch (RlpException e) {
            throw new MalformedFrame("devp2p frame: " + e.getMessage());
        }
        byte[] data = Snappy.decompress(Arrays.copyOfRange(f, idLen, f.length));
        byte[] plain = Arrays.copyOf(f, idLen + data.length);
        System.arraycopy(data, 0, plain, idLen, data.length);
        return decode(plain);
    }

    public static byte[] encode(Msg m) {
        int id;
        Object body;
        if (m instanceof Hello h) {
            id = 0x00;
            List<Object> caps = new ArrayList<>();
            for (Cap c : h.caps()) {
                caps.add(List.of(c.name(), (long) c.version()));
            }
            body = List.of((long) h.version(), h.clientId(), caps, (long) h.listenPort(), h.nodeId());
        } else if (m instanceof Disconnect d) {
            id = 0x01;
            body = List.of((long) d.reason());
        } else if (m instanceof PingMsg) {
            id = 0x02;
            body = List.of();
        } else if (m instanceof PongMsg) {
            id = 0x03;
            body = List.of();
        } else if (m instanceof Status st) {
            id = STATUS;
            body = List.of((long) st.version(), st.networkId(), st.totalDifficulty(), st.bestHash(), st.genesisHash());
        } else {
            id = TRANSACTIONS;
            List<Object> l = new ArrayList<>();
            for (HopTx t : ((Transactions) m).txs()) {
                l.add(List.of((long) t.hops(), new Rlp.Encoded(t.tx().raw())));
            }
            body = l;
        }
        byte[] a = Rlp.encode((long) id);
        byte[] b = Rlp.encode(body);
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public static Msg decode(byte[] f) {
        try {
            if (f.length == 0) {
                throw new RlpException("empty frame");
            }
            int idLen = Rlp.itemLength(f, 0, f.length);
            Rlp.Item idItem = Rlp.decode(f, 0, idLen);
            if (!(idItem instanceof Bytes idb)) {
                throw new RlpException("message id must be an integer, got a list");
            }
            long id = idb.asLong(2, "message id");
            ItemList l = Rlp.decodeList(f, idLen, f.length - idLen, "message data");
            return switch ((int) id) {
                case 0x00 -> hello(l);
                case 0x01 -> new Disconnect(l.size() == 0 ? DISC_REQUESTED : (int) l.bytes(0, "reason").asLong(1, "reason"));
                case 0x02 -> new PingMsg();
                case 0x03 -> new PongMsg();
                case STATUS -> status(l);
                case TRANSACTIONS -> transactions(l);
                default -> throw new RlpException("unsupported message id 0x" + Long.toHexString(id));
            };
        } catch (RlpException e) {
            throw new MalformedFrame("devp2p frame: " + e.getMessage());
        }
    }

    private static Hello hello(ItemList l) {
        l.atLeast(5, "hello");
        ItemList capsL = l.list(2, "capabilities");
        List<Cap> caps = new ArrayList<>();
        for (int i = 0; i < capsL.size(); i++) {
            ItemList c = capsL.list(i, "capability").atLeast(2, "capability");
            caps.add(new Cap(new String(c.bytes(0, "capability name").value(), StandardCharsets.US_ASCII),
                    (int) c.bytes(1, "capability version").asLong(4, "capability version")));
        }
        return new Hello((int) l.bytes(0, "p2p version").asLong(4, "p2p version"),
                new String(l.bytes(1, "client id").value(), StandardCharsets.UTF_8), caps,
                (int) l.bytes(3, "listen port").asLong(2, "listen port"), l.bytes(4, "node id").exactly(NodeKey.ID_BYTES, "node id"));
    }

    private static Status status(ItemList l) {
        l.atLeast(5, "status");
        byte[] td = l.bytes(2, "total difficulty").value();
        if (td.length > 32 || td.length > 0 && td[0] == 0) {
            throw new RlpException("total difficulty must be a canonical integer of at most 32 bytes");
        }
        return new Status((int) l.bytes(0, "eth version").asLong(4, "eth version"), l.bytes(1, "network id").asLong(8, "network id"),
                new java.math.BigInteger(1, td), l.bytes(3, "best hash").exactly(32, "best hash"),
                l.bytes(4, "genesis hash").exactly(32, "genesis hash"));
    }

    private static Transactions transactions(ItemList l) {
        if (l.size() > MAX_TXS) {
            throw new RlpException(l.size() + " transactions in one message, at most " + MAX_TXS);
        }
        List<HopTx> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            ItemList e = l.list(i, "transaction entry").atLeast(2, "transaction entry");
            int hops = (int) e.bytes(0, "hops").asLong(1, "hops");
            ItemList t = e.list(1, "transaction").atLeast(9, "transaction");
            long nonce = t.bytes(0, "nonce").asLong(8, "nonce");
            for (int k = 1; k < 9; k++) {
                if (k != 3 && k != 5) {
                    t.bytes(k, "transaction field " + k);
                }
            }
            byte[] to = t.bytes(3, "to").value();
            if (to.length != 20 && to.length != 0) {
                throw new RlpException("transaction 'to' must be 20 bytes or empty, got " + to.length);
            }
            byte[] data = t.bytes(5, "data").value();
            out.add(new HopTx(hops, new Tx(nonce, to, data, Rlp.encode(toObjects(t)))));
        }
        return new Transactions(out);
    }

    private static Object toObjects(Rlp.Item x) {
        if (x instanceof Bytes b) {
            return b.value();
        }
        List<Object> l = new ArrayList<>();
        for (Rlp.Item i : ((ItemList) x).items()) {
            l.add(toObjects(i));
        }
        return l;
    }
}
