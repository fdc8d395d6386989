package io.p2ptestbed.overlay.bitcoin;

import java.util.Arrays;
import java.util.List;

/**
 * The Bitcoin P2P messages this node speaks, decoded (Bitcoin Core's protocol.h / net_processing names). Every
 * message knows its 12-byte command name; {@link BitcoinCodec} frames it with the 24-byte header.
 */
public sealed interface Message {

    String command();

    /** {@code version}: the handshake's opening (protocol version 70016, no witness). */
    record Version(int version, long services, long timestamp, NetAddr receiver, NetAddr sender, long nonce,
                   String userAgent, int startHeight, boolean relay) implements Message {
        public String command() {
            return "version";
        }
    }

    record Verack() implements Message {
        public String command() {
            return "verack";
        }
    }

    record Ping(long nonce) implements Message {
        public String command() {
            return "ping";
        }
    }

    record Pong(long nonce) implements Message {
        public String command() {
            return "pong";
        }
    }

    record GetAddr() implements Message {
        public String command() {
            return "getaddr";
        }
    }

    /** {@code addr}: up to 1,000 addresses, each with its last-seen time (seconds). */
    record Addr(List<TimedAddr> addresses) implements Message {
        public Addr {
            addresses = List.copyOf(addresses);
        }

        public String command() {
            return "addr";
        }
    }

    /**
     * {@code inv} (items the sender has: an announcement), {@code getdata} (items it asks for) or {@code notfound}
     * (items asked for that it does not have): the same payload, a list of inventory entries.
     */
    record Inventory(String command, List<InvItem> items) implements Message {
        public static final String INV = "inv";
        public static final String GETDATA = "getdata";
        public static final String NOTFOUND = "notfound";

        public Inventory {
            if (!command.equals(INV) && !command.equals(GETDATA) && !command.equals(NOTFOUND)) {
                throw new IllegalArgumentException("an inventory message is inv, getdata or notfound, not " + command);
            }
            items = List.copyOf(items);
        }
    }

    /**
     * {@code tx}: one serialized transaction (legacy, non-witness serialization), with its txid (the payload's
     * SHA-256d, which the decoder has computed for the checksum anyway).
     */
    record TxMsg(Tx tx, byte[] txid) implements Message {
        public TxMsg(Tx tx) {
            this(tx, BitcoinCodec.txid(tx));
        }

        public String command() {
            return "tx";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TxMsg t && t.tx.equals(tx);
        }

        @Override
        public int hashCode() {
            return tx.hashCode();
        }
    }

    /** {@code block}: an 80-byte header and its transactions. */
    record BlockMsg(Block block) implements Message {
        public String command() {
            return "block";
        }
    }

    /** A message of a command this node does not speak (feature negotiation such as sendheaders): ignored, as Core does. */
    record Unknown(String command) implements Message {}

    /** A network address as in version and addr: services, IPv4 (as an IPv4-mapped IPv6 address on the wire), port. */
    record NetAddr(long services, int ip, int port) {}

    /** An addr entry: its time (seconds since the epoch) and the address. */
    record TimedAddr(long time, NetAddr addr) {}

    /**
     * An inventory entry: its type (1 tx, 2 block; in this lab bits 16..23 carry the announcer's hop count,
     * see {@link BitcoinCodec}) and the item's 32-byte hash (internal byte order).
     */
    record InvItem(int type, byte[] hash) {
        public static final int MSG_TX = 1;
        public static final int MSG_BLOCK = 2;

        public InvItem {
            if (hash.length != 32) {
                throw new IllegalArgumentException("an inventory hash has 32 bytes, got " + hash.length);
            }
        }

        /** The base type without the lab's hop bits. */
        public int baseType() {
            return type & 0xFFFF;
        }

        /** The announcer's hop count (the lab's bits 16..23). */
        public int hops() {
            return (type >>> 16) & 0xFF;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InvItem i && i.type == type && Arrays.equals(i.hash, hash);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(hash);
        }

        @Override
        public String toString() {
            return "InvItem[" + type + ", " + Hashes.hex(hash) + "]";
        }
    }
}
