package io.p2ptestbed.overlay.bitcoin;

import io.p2ptestbed.overlay.bitcoin.Message.Addr;
import io.p2ptestbed.overlay.bitcoin.Message.BlockMsg;
import io.p2ptestbed.overlay.bitcoin.Message.GetAddr;
import io.p2ptestbed.overlay.bitcoin.Message.Inventory;
import io.p2ptestbed.overlay.bitcoin.Message.InvItem;
import io.p2ptestbed.overlay.bitcoin.Message.NetAddr;
import io.p2ptestbed.overlay.bitcoin.Message.Ping;
import io.p2ptestbed.overlay.bitcoin.Message.Pong;
import io.p2ptestbed.overlay.bitcoin.Message.TimedAddr;
import io.p2ptestbed.overlay.bitcoin.Message.TxMsg;
import io.p2ptestbed.overlay.bitcoin.Message.Unknown;
import io.p2ptestbed.overlay.bitcoin.Message.Verack;
import io.p2ptestbed.overlay.bitcoin.Message.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bitcoin's P2P wire format, strictly. A message is the 24-byte header (network magic, 4 bytes; command, 12
 * bytes of ASCII padded with NULs; payload length, uint32 little-endian; checksum, the first 4 bytes of
 * SHA-256(SHA-256(payload))) and the payload. Integers are little-endian, but ports (big-endian); counts and
 * lengths are CompactSize varints, which must be canonical. Decoding refuses, naming the fault: a short header,
 * another network's magic, a command with bytes after its padding or outside printable ASCII, a length field
 * that disagrees with the bytes present or passes the maximum, a bad checksum, and any payload that does not
 * parse to its end (counts above Core's limits: 1,000 addr entries, 50,000 inventory entries; scripts above
 * 10,000 bytes; a user agent above 256 bytes; trailing bytes). Unknown commands decode to {@link Unknown}.
 *
 * <p>The lab's one departure: an inventory entry's type carries the announcer's hop count in bits 16..23
 * (Bitcoin defines types 1 and 2 and the witness flag, bit 30), so that deliveries have hop counts; see
 * docs/bitcoin.md.
 */
public final class BitcoinCodec {

    public static final int HEADER_BYTES = 24;
    /** Regtest's magic (0xDAB5BFFA, little-endian on the wire): the lab is never mainnet. */
    public static final int MAGIC = 0xDAB5BFFA;
    public static final int PROTOCOL_VERSION = 70016;
    public static final int MAX_ADDR = 1000;
    public static final int MAX_INV = 50_000;
    public static final int MAX_SCRIPT = 10_000;
    public static final int MAX_USER_AGENT = 256;

    private final int maxPayloadBytes;

    public BitcoinCodec(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** A message could not be decoded; the message names what is wrong. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message, null, false, false);
        }
    }

    // --- encoding ---

    public byte[] encode(Message m) {
        // the payload is written after room for the header, which is filled in place: one array, no copy of the
        // payload (an inventory's size is known in advance, so its array is exact)
        Writer w = new Writer(m instanceof Inventory i ? HEADER_BYTES + varintSize(i.items().size()) + 36 * i.items().size()
                : 64 + HEADER_BYTES);
        w.at = HEADER_BYTES;
        payload(m, w);
        byte[] out = w.buf.length == w.at ? w.buf : Arrays.copyOf(w.buf, w.at);
        header(out, m.command());
        return out;
    }

    /**
     * The frame of an inventory message ({@code inv}, {@code getdata} or {@code notfound}) of {@code items[from, to)},
     * written straight into one exact array: the same bytes as {@link #encode} of that {@code Inventory}.
     */
    public static byte[] inventoryFrame(String command, List<InvItem> items, int from, int to) {
        byte[] out = inventoryFrame(to - from);
        int at = inventoryOffset(to - from);
        for (int k = from; k < to; k++) {
            InvItem i = items.get(k);
            putInt(out, at, i.type());
            System.arraycopy(i.hash(), 0, out, at + 4, 32);
            at += 36;
        }
        seal(out, command);
        return out;
    }

    /**
     * An exact array for an inventory frame of {@code n} entries with its count written: the caller writes entry k
     * (type, then the 32-byte hash) at {@link #inventoryOffset}{@code (n) + 36k}, then {@link #seal}s the frame.
     */
    static byte[] inventoryFrame(int n) {
        if (n > MAX_INV) {
            throw new IllegalArgumentException("an inventory message holds at most " + MAX_INV + " entries, not " + n);
        }
        return inventoryCount(new byte[inventoryOffset(n) + 36 * n], n);
    }

    /**
     * {@link #inventoryFrame(int)}, in an array this thread recycled when there is one of the right length (session 17):
     * for a frame that goes to one peer and is {@link #sealOnce sealed once}. Its every byte is written again (the
     * count here, the entries by the caller, the header by the seal), so what was in it before never shows.
     */
    static byte[] pooledInventoryFrame(int n) {
        byte[] out = InventoryFramePool.take(n);
        return out == null ? inventoryFrame(n) : inventoryCount(out, n);
    }

    /** Gives a received inventory frame of {@code n} entries back to this thread's pool: only one {@link #recyclable}. */
    static void recycle(byte[] frame, int n) {
        InventoryFramePool.give(frame, n);
    }

    private static byte[] inventoryCount(byte[] out, int n) {
        int at = HEADER_BYTES;
        if (varintSize(n) == 1) {
            out[at] = (byte) n;
        } else {
            out[at] = (byte) 0xFD;
            out[at + 1] = (byte) n;
            out[at + 2] = (byte) (n >>> 8);
        }
        return out;
    }

    /** Where the first entry of an inventory frame of {@code n} entries starts. */
    static int inventoryOffset(int n) {
        return HEADER_BYTES + varintSize(n);
    }

    /** Writes the header (magic, command, length, checksum) of a frame whose payload is in place after it. */
    static void seal(byte[] frame, String command) {
        header(frame, command);
        SEALED.remember(frame, false);
    }

    /**
     * {@link #seal}s a frame that goes to exactly one peer and is not kept by its sender: its receiver, once it has
     * read it, may give the array back for another frame ({@link #recyclable}). Only a node's own inventory frames
     * (its trickled inv, its getdata) are sealed so; a frame anyone else built, sent twice or kept is not.
     */
    static void sealOnce(byte[] frame, String command) {
        header(frame, command);
        SEALED.remember(frame, true);
    }

    /**
     * Whether the frame the last {@link #inventoryEntries} call of this codec accepted is the very array a node
     * {@link #sealOnce sealed once}, unchanged: read, it may be {@link #recycle}d (session 17). A codec is one node's,
     * used by one thread at a time.
     */
    boolean recyclable() {
        return sealedOnce;
    }

    /** See {@link #recyclable}. */
    private boolean sealedOnce;

    /** Frames a payload with the header. */
    public static byte[] frame(String command, byte[] payload) {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        header(out, command);
        return out;
    }

    /** Writes the header of the frame {@code out} whose payload follows it to its end: magic, command, length, checksum. */
    private static void header(byte[] out, String command) {
        putInt(out, 0, MAGIC);
        int c = command.length();
        if (c > 12) {
            throw new IllegalArgumentException("command longer than 12 bytes: " + command);
        }
        for (int i = 0; i < c; i++) {
            char ch = command.charAt(i);
            out[4 + i] = (byte) (ch < 0x80 ? ch : '?'); // as String.getBytes(US_ASCII)
        }
        for (int i = 4 + c; i < 16; i++) {
            out[i] = 0; // the NUL padding (a recycled array held another frame's bytes)
        }
        int len = out.length - HEADER_BYTES;
        putInt(out, 16, len);
        Hashes.checksum(out, HEADER_BYTES, len, out, 20);
    }

    private static int varintSize(long v) {
        return v < 0xFD ? 1 : v <= 0xFFFF ? 3 : v <= 0xFFFFFFFFL ? 5 : 9;
    }

    private static void payload(Message m, Writer w) {
        if (m instanceof Version v) {
            w.i32(v.version());
            w.i64(v.services());
            w.i64(v.timestamp());
            netAddr(w, v.receiver());
            netAddr(w, v.sender());
            w.i64(v.nonce());
            byte[] ua = v.userAgent().getBytes(StandardCharsets.US_ASCII);
            w.varint(ua.length);
            w.raw(ua);
            w.i32(v.startHeight());
            w.u8(v.relay() ? 1 : 0);
        } else if (m instanceof Ping p) {
            w.i64(p.nonce());
        } else if (m instanceof Pong p) {
            w.i64(p.nonce());
        } else if (m instanceof Addr a) {
            w.varint(a.addresses().size());
            for (TimedAddr t : a.addresses()) {
                w.i32((int) t.time());
                netAddr(w, t.addr());
            }
        } else if (m instanceof Inventory i) {
            items(w, i.items());
        } else if (m instanceof TxMsg t) {
            tx(w, t.tx());
        } else if (m instanceof BlockMsg b) {
            block(w, b.block());
        } // verack, getaddr and unknown commands have empty payloads
    }

    private static void netAddr(Writer w, NetAddr a) {
        w.i64(a.services());
        w.raw(new byte[10]);
        w.u8(0xFF);
        w.u8(0xFF);
        w.u8(a.ip() >>> 24);
        w.u8(a.ip() >>> 16);
        w.u8(a.ip() >>> 8);
        w.u8(a.ip());
        w.u8(a.port() >>> 8);
        w.u8(a.port());
    }

    private static void items(Writer w, List<InvItem> items) {
        w.varint(items.size());
        for (InvItem i : items) {
            w.i32(i.type());
            w.raw(i.hash());
        }
    }

    static void tx(Writer w, Tx t) {
        w.i32(t.version());
        w.varint(t.inputs().size());
        for (Tx.Input in : t.inputs()) {
            w.raw(in.prevTxid());
            w.i32((int) in.prevIndex());
            w.varint(in.scriptSig().length);
            w.raw(in.scriptSig());
            w.i32((int) in.sequence());
        }
        w.varint(t.outputs().size());
        for (Tx.Output o : t.outputs()) {
            w.i64(o.value());
            w.varint(o.scriptPubKey().length);
            w.raw(o.scriptPubKey());
        }
        w.i32((int) t.lockTime());
    }

    static void blockHeader(Writer w, Block b) {
        w.i32(b.version());
        w.raw(b.prevBlock());
        w.raw(b.merkleRoot());
        w.i32((int) b.time());
        w.i32((int) b.bits());
        w.i32((int) b.nonce());
    }

    private static void block(Writer w, Block b) {
        blockHeader(w, b);
        w.varint(b.txs().size());
        for (Tx t : b.txs()) {
            tx(w, t);
        }
    }

    /** A transaction's serialization (what its txid hashes). */
    public static byte[] serialize(Tx t) {
        Writer w = new Writer(128);
        tx(w, t);
        return w.bytes();
    }

    /** The txid: SHA-256d of the serialization (internal byte order). */
    public static byte[] txid(Tx t) {
        return Hashes.sha256d(serialize(t));
    }

    /** The block hash: SHA-256d of the 80-byte header. */
    public static byte[] blockHash(Block b) {
        Writer w = new Writer(80);
        blockHeader(w, b);
        return Hashes.sha256d(w.bytes());
    }

    /** The merkle root of transactions (Bitcoin's: pairs hashed with SHA-256d, the last one doubled on odd levels). */
    public static byte[] merkleRoot(List<Tx> txs) {
        List<byte[]> level = new ArrayList<>();
        for (Tx t : txs) {
            level.add(txid(t));
        }
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                byte[] a = level.get(i);
                byte[] b = i + 1 < level.size() ? level.get(i + 1) : a;
                byte[] both = Arrays.copyOf(a, 64);
                System.arraycopy(b, 0, both, 32, 32);
                next.add(Hashes.sha256d(both));
            }
            level = next;
        }
        return level.get(0);
    }

    // --- decoding ---

    /** Checks a frame's header (size, magic, command) and returns its command. */
    private static String header(byte[] b) throws Malformed {
        if (b.length < HEADER_BYTES) {
            throw new Malformed("message of " + b.length + " bytes is shorter than the 24-byte header");
        }
        int magic = getInt(b, 0);
        if (magic != MAGIC) {
            throw new Malformed(String.format("network magic 0x%08x is not the lab's (regtest 0x%08x)", magic, MAGIC));
        }
        return command(b);
    }

    /** Checks a frame's length field and checksum; returns the payload's SHA-256d. */
    private byte[] checksum(byte[] b, String command) throws Malformed {
        int len = payloadLength(b);
        byte[] sum = Hashes.sha256d(b, HEADER_BYTES, len);
        for (int i = 0; i < 4; i++) {
            if (sum[i] != b[20 + i]) {
                throw new Malformed("checksum mismatch for a '" + command + "' message");
            }
        }
        return sum;
    }

    /** Checks a frame's length field and checksum, as {@link #checksum} does, without allocating the hash. */
    private void checkChecksum(byte[] b, String command) throws Malformed {
        int len = payloadLength(b);
        int sealed = SEALED.claim(b);
        if (sealed != SealedFrames.NOT_HELD) {
            sealedOnce = sealed == SealedFrames.HELD_ONCE;
            return; // the very frame this process sealed, unchanged (so its checksum is right), after this codec's own limit
        }
        byte[] sum = CHECKSUM.get();
        Hashes.checksum(b, HEADER_BYTES, len, sum, 0);
        if (getInt(sum, 0) != getInt(b, 20)) {
            throw new Malformed("checksum mismatch for a '" + command + "' message");
        }
    }

    private static final ThreadLocal<byte[]> CHECKSUM = ThreadLocal.withInitial(() -> new byte[4]);

    /** The payload length the header gives, checked against the limit and the bytes that follow the header. */
    private int payloadLength(byte[] b) throws Malformed {
        long len = getInt(b, 16) & 0xFFFFFFFFL;
        if (len > maxPayloadBytes) {
            throw new Malformed("payload length " + len + " exceeds the maximum of " + maxPayloadBytes);
        }
        if (len != b.length - HEADER_BYTES) {
            throw new Malformed("payload length field says " + len + " bytes but " + (b.length - HEADER_BYTES)
                    + " follow the header");
        }
        return (int) len;
    }

    private static final byte[] INV_COMMAND = {'i', 'n', 'v', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] GETDATA_COMMAND = {'g', 'e', 't', 'd', 'a', 't', 'a', 0, 0, 0, 0, 0};
    private static final byte[] ADDR_COMMAND = {'a', 'd', 'd', 'r', 0, 0, 0, 0, 0, 0, 0, 0};

    /** Whether a frame's command field is {@code inv} (nothing else checked). */
    public static boolean isInv(byte[] b) {
        return b.length >= HEADER_BYTES && Arrays.equals(b, 4, 16, INV_COMMAND, 0, 12);
    }

    /** Whether a frame's command field is {@code getdata} (nothing else checked). */
    public static boolean isGetData(byte[] b) {
        return b.length >= HEADER_BYTES && Arrays.equals(b, 4, 16, GETDATA_COMMAND, 0, 12);
    }

    /** Whether a frame's command field is {@code addr} (nothing else checked). */
    public static boolean isAddr(byte[] b) {
        return b.length >= HEADER_BYTES && Arrays.equals(b, 4, 16, ADDR_COMMAND, 0, 12);
    }

    /** Bytes of one {@code addr} entry: time (uint32 LE), services (uint64 LE), 16-byte address, big-endian port. */
    public static final int ADDR_ENTRY_BYTES = 30;

    /**
     * Checks an {@code addr} frame exactly as {@link #decode} does (header, length, checksum, count, no trailing bytes;
     * the count bounds the entries to the bytes present, so no entry can be short) without building its entries, and
     * returns the offset of the first entry; entries follow one another, {@link #ADDR_ENTRY_BYTES} each, to the frame's
     * end. Read them with {@link #addrMapped}, {@link #addrTime}, {@link #addrServices}, {@link #addrIp} and
     * {@link #addrPort}; {@link #decode} keeps only the IPv4-mapped ones (session 14: addr gossip was a quarter of the
     * relay's CPU, most of it objects per entry).
     */
    public int addrEntries(byte[] b) throws Malformed {
        String command = header(b);
        checkChecksum(b, command);
        Reader r = new Reader(b, HEADER_BYTES, command);
        int n = r.count(MAX_ADDR, ADDR_ENTRY_BYTES, "addr count");
        int first = r.at;
        r.at += ADDR_ENTRY_BYTES * n;
        if (r.at != b.length) {
            throw new Malformed("'" + command + "' payload has " + (b.length - r.at) + " trailing bytes");
        }
        return first;
    }

    /** Whether the addr entry at {@code at} holds an IPv4-mapped address (the only ones {@link #decode} keeps). */
    public static boolean addrMapped(byte[] b, int at) {
        int a = at + 12;
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[a + i] == 0;
        }
        return mapped && (b[a + 10] & 0xFF) == 0xFF && (b[a + 11] & 0xFF) == 0xFF;
    }

    public static long addrTime(byte[] b, int at) {
        return getInt(b, at) & 0xFFFFFFFFL;
    }

    public static long addrServices(byte[] b, int at) {
        return getLong(b, at + 4);
    }

    public static int addrIp(byte[] b, int at) {
        int a = at + 24;
        return (b[a] & 0xFF) << 24 | (b[a + 1] & 0xFF) << 16 | (b[a + 2] & 0xFF) << 8 | (b[a + 3] & 0xFF);
    }

    public static int addrPort(byte[] b, int at) {
        return (b[at + 28] & 0xFF) << 8 | (b[at + 29] & 0xFF);
    }

    /**
     * The {@code addr} frame of {@code n} entries given as triples in {@code entries} (time, services, then the IPv4
     * address and port as {@code ip << 16 | port}), written straight into one exact array: the same bytes as
     * {@link #encode} of the {@code Addr} of those {@code TimedAddr}s.
     */
    static byte[] addrFrame(long[] entries, int n) {
        int v = varintSize(n);
        byte[] out = new byte[HEADER_BYTES + v + ADDR_ENTRY_BYTES * n];
        int at = HEADER_BYTES;
        if (v == 1) {
            out[at] = (byte) n;
        } else if (v == 3) {
            out[at] = (byte) 0xFD;
            out[at + 1] = (byte) n;
            out[at + 2] = (byte) (n >>> 8);
        } else {
            out[at] = (byte) 0xFE;
            putInt(out, at + 1, n);
        }
        at += v;
        for (int k = 0; k < n; k++, at += ADDR_ENTRY_BYTES) {
            long services = entries[3 * k + 1];
            long ipPort = entries[3 * k + 2];
            int ip = (int) (ipPort >>> 16);
            int port = (int) ipPort & 0xFFFF;
            putInt(out, at, (int) entries[3 * k]);
            putInt(out, at + 4, (int) services);
            putInt(out, at + 8, (int) (services >>> 32));
            out[at + 22] = (byte) 0xFF;
            out[at + 23] = (byte) 0xFF;
            out[at + 24] = (byte) (ip >>> 24);
            out[at + 25] = (byte) (ip >>> 16);
            out[at + 26] = (byte) (ip >>> 8);
            out[at + 27] = (byte) ip;
            out[at + 28] = (byte) (port >>> 8);
            out[at + 29] = (byte) port;
        }
        seal(out, "addr");
        return out;
    }

    /**
     * Checks an {@code inv} frame exactly as {@link #decode} does (header, length, checksum, count, every entry's type,
     * no trailing bytes) without building its entries, and returns the offset of the first entry; entry k is the
     * type ({@link #getInt} at {@code offset + 36k}) and the 32-byte hash after it. A relaying node reads most
     * entries only for the id they start with, so this saves an object and a hash copy per entry.
     */
    public int inventoryEntries(byte[] b) throws Malformed {
        sealedOnce = false;
        String command = header(b);
        checkChecksum(b, command);
        Reader r = new Reader(b, HEADER_BYTES, command);
        int n = r.count(MAX_INV, 36, "inventory count");
        int first = r.at;
        for (int i = 0; i < n; i++) {
            checkType(r.i32());
            r.need(32);
            r.at += 32;
        }
        if (r.at != b.length) {
            throw new Malformed("'" + command + "' payload has " + (b.length - r.at) + " trailing bytes");
        }
        return first;
    }

    /** The little-endian long at {@code off} (an inventory hash's first 8 bytes: {@link Hashes#id64}). */
    public static long getLong(byte[] b, int off) {
        return (getInt(b, off) & 0xFFFFFFFFL) | (long) getInt(b, off + 4) << 32;
    }

    private static void checkType(int type) throws Malformed {
        int base = type & 0xFFFF;
        if (base != InvItem.MSG_TX && base != InvItem.MSG_BLOCK || (type & 0xFF000000) != 0) {
            throw new Malformed(String.format("inventory type 0x%08x is not a tx (1) or block (2)", type));
        }
    }

    /** The command of a frame whose header is well formed, without checking the payload; null otherwise. */
    public static String peekCommand(byte[] b) {
        if (b.length < HEADER_BYTES || getInt(b, 0) != MAGIC) {
            return null;
        }
        try {
            return command(b);
        } catch (Malformed e) {
            return null;
        }
    }

    public Message decode(byte[] b) throws Malformed {
        String command = header(b);
        if (command.equals("tx")) {
            payloadLength(b); // this codec's own limit, checked before the shared memo is asked
            Message known = DECODED_TX.lookup(b);
            if (known != null) {
                return known;
            }
        }
        byte[] sum = checksum(b, command);
        Reader r = new Reader(b, HEADER_BYTES, command);
        Message m = switch (command) {
            case "version" -> version(r);
            case "verack" -> new Verack();
            case "getaddr" -> new GetAddr();
            case "ping" -> new Ping(r.i64());
            case "pong" -> new Pong(r.i64());
            case "addr" -> addr(r);
            case Inventory.INV, Inventory.GETDATA, Inventory.NOTFOUND -> new Inventory(command, items(r));
            case "tx" -> new TxMsg(tx(r), sum);
            case "block" -> new BlockMsg(block(r));
            default -> {
                r.at = b.length;
                yield new Unknown(command);
            }
        };
        if (r.at != b.length) {
            throw new Malformed("'" + command + "' payload has " + (b.length - r.at) + " trailing bytes");
        }
        if (m instanceof TxMsg t) {
            DECODED_TX.remember(b, t);
        }
        return m;
    }

    /** Transactions decoded already, process-wide (session 12): see {@link FrameMemo}. */
    private static final FrameMemo<TxMsg> DECODED_TX = new FrameMemo<>(1 << 12);

    /**
     * Frames this process sealed lately (session 15): an {@code inv}, {@code getdata} or {@code addr} frame that is
     * the very array whose checksum was computed when it was written, unchanged since, carries the right checksum, so
     * its receiver (the simulator hands over the very array) does not hash its payload again. Any other frame (one
     * that came through a socket, or was built by anyone else) is hashed and checked as before, and so is a sealed
     * array whose bytes changed after sealing. Session 16: the table held a private copy of each sealed frame and
     * compared it byte for byte; the copies were a fifth of the relay's allocation (inv frames of a few kB each, JFR
     * at N = 3,000), so it now keeps the array itself and a 64-bit fingerprint of its bytes taken when it was sealed.
     */
    private static final SealedFrames SEALED = new SealedFrames(RelayStats.SEALED_SLOTS);

    /**
     * The sealed-frame table: direct-mapped by the frame's checksum, each slot the frame (by identity) and the
     * fingerprint of its bytes at sealing. Threads of a sharded simulation share it without locks: a reader that
     * sees one thread's array with another thread's fingerprint finds no match and checks the frame in full.
     */
    static final class SealedFrames {
        private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long K = 0x9E3779B97F4A7C15L;
        private final byte[][] frames;
        private final long[] prints;
        private final int shift;

        /** @param slots a power of two */
        SealedFrames(int slots) {
            if (slots < 2 || Integer.bitCount(slots) != 1) {
                throw new IllegalArgumentException("the sealed-frame table needs a power of two of slots, not " + slots
                        + " (testbed.bitcoin.sealedSlots)");
            }
            frames = new byte[slots][];
            prints = new long[slots];
            shift = 32 - Integer.numberOfTrailingZeros(slots);
        }

        /**
         * By the checksum and the array's identity (session 18): equal frames (the same bytes, so the same checksum:
         * the one-entry inv or getdata many nodes write for the same item) took each other's slot when the checksum
         * alone picked it, 6.4% of the received frames at N = 3,000 whatever the table's size.
         */
        private int slot(byte[] b) {
            return (getInt(b, 20) ^ System.identityHashCode(b)) * 0x9E3779B1 >>> shift;
        }

        /** {@link #state}: not an array sealed lately with these bytes. */
        static final int NOT_HELD = 0;
        /** {@link #state}: sealed lately with these bytes. */
        static final int HELD = 1;
        /** {@link #state}: sealed lately with these bytes, for one peer ({@link BitcoinCodec#sealOnce}). */
        static final int HELD_ONCE = 2;
        /**
         * Xored into the fingerprint of a frame sealed for one peer: the mark travels in the same word as the
         * fingerprint, so a reader that sees one thread's array with another thread's word finds no match at all.
         */
        private static final long ONCE = 0x5DEECE66DA3B1F27L;

        void remember(byte[] b, boolean once) {
            int s = slot(b);
            prints[s] = fingerprint(b) ^ (once ? ONCE : 0);
            frames[s] = b;
        }

        /**
         * {@link #state}, and when {@code b} was sealed for one peer ({@link #HELD_ONCE}: this is its one reading), its
         * slot is emptied (session 18): the table then holds only frames not yet read, so it keeps no read frame from
         * the collector, and a later frame finds the slot free. (A slot another thread filled meanwhile is left.)
         */
        int claim(byte[] b) {
            int state = state(b);
            if (state == HELD_ONCE) {
                int s = slot(b);
                if (frames[s] == b) {
                    frames[s] = null;
                }
            }
            return state;
        }

        /** Whether {@code b} is an array sealed lately whose bytes are as they were then. */
        boolean holds(byte[] b) {
            return state(b) != NOT_HELD;
        }

        /** {@link #NOT_HELD}, {@link #HELD} or {@link #HELD_ONCE}. */
        int state(byte[] b) {
            int s = slot(b);
            if (frames[s] != b) {
                if (RelayStats.ON) {
                    RelayStats.count(frames[s] == null ? RelayStats.EMPTY : RelayStats.TAKEN);
                }
                return NOT_HELD;
            }
            long p = prints[s];
            long f = fingerprint(b);
            int state = p == f ? HELD : p == (f ^ ONCE) ? HELD_ONCE : NOT_HELD;
            if (RelayStats.ON) {
                RelayStats.count(state == NOT_HELD ? RelayStats.CHANGED : RelayStats.FOUND);
            }
            return state;
        }

        /**
         * A 64-bit fingerprint of every byte of {@code b} and its length: four lanes of 8-byte words, each word xored
         * in and multiplied by an odd constant (a bijection of the lane, so a change to any one word always changes
         * the result), then mixed. Not cryptographic: it tells a changed frame from its sealed self, as the copy did.
         */
        static long fingerprint(byte[] b) {
            int n = b.length;
            long h0 = n, h1 = K, h2 = 2 * K, h3 = 3 * K;
            int i = 0;
            for (; i + 32 <= n; i += 32) {
                h0 = mix(h0 ^ (long) LONGS.get(b, i));
                h1 = mix(h1 ^ (long) LONGS.get(b, i + 8));
                h2 = mix(h2 ^ (long) LONGS.get(b, i + 16));
                h3 = mix(h3 ^ (long) LONGS.get(b, i + 24));
            }
            for (; i + 8 <= n; i += 8) {
                h0 = mix(h0 ^ (long) LONGS.get(b, i));
            }
            for (; i < n; i++) {
                h1 = mix(h1 ^ (b[i] & 0xFFL));
            }
            return mix(h0 ^ Long.rotateLeft(mix(h1 ^ Long.rotateLeft(mix(h2 ^ Long.rotateLeft(h3, 17)), 23)), 29));
        }

        private static long mix(long h) {
            h *= K;
            return h ^ (h >>> 32);
        }
    }

    /**
     * Frames met already, process-wide, with what they gave: a frame byte for byte equal to a remembered one gives
     * the same (session 12: a relayed transaction is parsed and hashed once instead of once per node that receives
     * it). A frame is compared in full
     * with a private copy of the remembered one, so a changed byte is decoded and checked from scratch, and refused
     * as before. Direct-mapped by the frame's checksum; entries are immutable, so threads (sharded simulations) may
     * share a table without locks.
     */
    private static final class FrameMemo<T> {
        private final Entry<T>[] table;
        private final int shift;

        private record Entry<T>(byte[] frame, T value) {}

        /** @param slots a power of two */
        @SuppressWarnings("unchecked")
        FrameMemo(int slots) {
            table = (Entry<T>[]) new Entry<?>[slots];
            shift = 32 - Integer.numberOfTrailingZeros(slots);
        }

        private int slot(byte[] b) {
            return getInt(b, 20) * 0x9E3779B1 >>> shift;
        }

        T lookup(byte[] b) {
            Entry<T> d = table[slot(b)];
            return d != null && Arrays.equals(d.frame, b) ? d.value : null;
        }

        void remember(byte[] b, T value) {
            table[slot(b)] = new Entry<>(b.clone(), value);
        }
    }

    private static String command(byte[] b) throws Malformed {
        int end = 4;
        while (end < 16 && b[end] != 0) {
            int c = b[end] & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                throw new Malformed(String.format("command byte 0x%02x is not printable ASCII", c));
            }
            end++;
        }
        if (end == 4) {
            throw new Malformed("empty command");
        }
        for (int i = end; i < 16; i++) {
            if (b[i] != 0) {
                throw new Malformed("command has non-NUL bytes after its NUL padding");
            }
        }
        for (int k = 0; k < KNOWN_BYTES.length; k++) { // the protocol's own commands: their constant strings
            byte[] c = KNOWN_BYTES[k];
            if (c.length == end - 4 && Arrays.equals(b, 4, end, c, 0, c.length)) {
                return KNOWN[k];
            }
        }
        return new String(b, 4, end - 4, StandardCharsets.US_ASCII);
    }

    /** Commands this codec reads, the relay's commonest first. */
    private static final String[] KNOWN = {"inv", "getdata", "tx", "addr", "ping", "pong", "notfound", "block", "version",
        "verack", "getaddr"};
    private static final byte[][] KNOWN_BYTES = java.util.Arrays.stream(KNOWN)
            .map(c -> c.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private static Version version(Reader r) throws Malformed {
        int version = r.i32();
        long services = r.i64();
        long timestamp = r.i64();
        NetAddr recv = orNone(r.netAddr());
        NetAddr from = orNone(r.netAddr());
        long nonce = r.i64();
        int uaLen = r.count(MAX_USER_AGENT, 1, "user agent length");
        byte[] uaBytes = r.raw(uaLen);
        for (byte x : uaBytes) {
            if (x < 0x20 || x > 0x7E) {
                throw new Malformed(String.format("user agent byte 0x%02x is not printable ASCII", x & 0xFF));
            }
        }
        String ua = new String(uaBytes, StandardCharsets.US_ASCII);
        int height = r.i32();
        int relay = r.u8();
        if (relay > 1) {
            throw new Malformed("version's relay flag must be 0 or 1, got " + relay);
        }
        return new Version(version, services, timestamp, recv, from, nonce, ua, height, relay == 1);
    }

    /** A version's address that is not IPv4 reads as 0.0.0.0:0 (the node then learns nothing from it). */
    private static NetAddr orNone(NetAddr a) {
        return a != null ? a : new NetAddr(0, 0, 0);
    }

    private static Addr addr(Reader r) throws Malformed {
        int n = r.count(MAX_ADDR, 30, "addr count");
        List<TimedAddr> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long time = r.i32() & 0xFFFFFFFFL;
            NetAddr a = r.netAddr();
            if (a != null) {
                out.add(new TimedAddr(time, a));
            }
        }
        return new Addr(out);
    }

    private static List<InvItem> items(Reader r) throws Malformed {
        int n = r.count(MAX_INV, 36, "inventory count");
        List<InvItem> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int type = r.i32();
            checkType(type);
            out.add(new InvItem(type, r.raw(32)));
        }
        return out;
    }

    private static Tx tx(Reader r) throws Malformed {
        int version = r.i32();
        int nIn = r.count(100_000, 41, "input count");
        if (nIn == 0) {
            throw new Malformed("a transaction with no inputs (or a witness marker: witness serialization is not spoken)");
        }
        List<Tx.Input> ins = new ArrayList<>(nIn);
        for (int i = 0; i < nIn; i++) {
            byte[] prev = r.raw(32);
            long index = r.i32() & 0xFFFFFFFFL;
            byte[] script = r.raw(r.count(MAX_SCRIPT, 1, "scriptSig length"));
            long seq = r.i32() & 0xFFFFFFFFL;
            ins.add(new Tx.Input(prev, index, script, seq));
        }
        int nOut = r.count(100_000, 9, "output count");
        if (nOut == 0) {
            throw new Malformed("a transaction with no outputs");
        }
        List<Tx.Output> outs = new ArrayList<>(nOut);
        for (int i = 0; i < nOut; i++) {
            long value = r.i64();
            if (value < 0 || value > 21_000_000L * 100_000_000L) {
                throw new Malformed("output value " + value + " is outside [0, 21 million BTC]");
            }
            outs.add(new Tx.Output(value, r.raw(r.count(MAX_SCRIPT, 1, "scriptPubKey length"))));
        }
        long lockTime = r.i32() & 0xFFFFFFFFL;
        return new Tx(version, ins, outs, lockTime);
    }

    private static Block block(Reader r) throws Malformed {
        int version = r.i32();
        byte[] prev = r.raw(32);
        byte[] merkle = r.raw(32);
        long time = r.i32() & 0xFFFFFFFFL;
        long bits = r.i32() & 0xFFFFFFFFL;
        long nonce = r.i32() & 0xFFFFFFFFL;
        int n = r.count(100_000, 60, "block transaction count");
        if (n == 0) {
            throw new Malformed("a block without transactions");
        }
        List<Tx> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            txs.add(tx(r));
        }
        Block b = new Block(version, prev, merkle, time, bits, nonce, txs);
        if (!Arrays.equals(merkleRoot(txs), merkle)) {
            throw new Malformed("block's merkle root does not match its transactions");
        }
        return b;
    }

    // --- byte helpers ---

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** A growable little-endian writer. */
    static final class Writer {
        byte[] buf;
        int at;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        private void room(int n) {
            if (at + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, at + n));
            }
        }

        void u8(int v) {
            room(1);
            buf[at++] = (byte) v;
        }

        void i32(int v) {
            room(4);
            putInt(buf, at, v);
            at += 4;
        }

        void i64(long v) {
            i32((int) v);
            i32((int) (v >>> 32));
        }

        void raw(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, at, b.length);
            at += b.length;
        }

        void varint(long v) {
            if (v < 0xFD) {
                u8((int) v);
            } else if (v <= 0xFFFF) {
                u8(0xFD);
                u8((int) v);
                u8((int) (v >>> 8));
            } else if (v <= 0xFFFFFFFFL) {
                u8(0xFE);
                i32((int) v);
            } else {
                u8(0xFF);
                i64(v);
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, at);
        }
    }

    /** A bounds-checked little-endian reader that names the command in its faults. */
    private static final class Reader {
        final byte[] b;
        int at;
        final String command;

        Reader(byte[] b, int at, String command) {
            this.b = b;
            this.at = at;
            this.command = command;
        }

        private void need(int n) throws Malformed {
            if (n < 0 || at + n > b.length) {
                throw new Malformed("'" + command + "' payload ends after " + (at - HEADER_BYTES) + " bytes, "
                        + n + " more needed");
            }
        }

        int u8() throws Malformed {
            need(1);
            return b[at++] & 0xFF;
        }

        int i32() throws Malformed {
            need(4);
            int v = getInt(b, at);
            at += 4;
            return v;
        }

        long i64() throws Malformed {
            long lo = i32() & 0xFFFFFFFFL;
            return lo | (long) i32() << 32;
        }

        byte[] raw(int n) throws Malformed {
            need(n);
            byte[] out = Arrays.copyOfRange(b, at, at + n);
            at += n;
            return out;
        }

        long varint() throws Malformed {
            int first = u8();
            long v;
            long min;
            if (first < 0xFD) {
                return first;
            } else if (first == 0xFD) {
                need(2);
                v = (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
                at += 2;
                min = 0xFD;
            } else if (first == 0xFE) {
                v = i32() & 0xFFFFFFFFL;
                min = 0x10000;
            } else {
                v = i64();
                min = 0x100000000L;
            }
            if (v < min) {
                throw new Malformed("non-canonical CompactSize " + v + " in '" + command + "'");
            }
            return v;
        }

        /** A count of items of at least {@code minItemBytes} each, at most {@code max}, and no more than the bytes left allow. */
        int count(int max, int minItemBytes, String what) throws Malformed {
            long n = varint();
            if (n > max) {
                throw new Malformed(what + " " + n + " exceeds the limit of " + max + " in '" + command + "'");
            }
            if (n * minItemBytes > b.length - at) {
                throw new Malformed(what + " " + n + " cannot fit the " + (b.length - at) + " bytes left in '" + command + "'");
            }
            return (int) n;
        }

        /** A net_addr (services, 16-byte address, big-endian port); null for an address that is not IPv4-mapped. */
        NetAddr netAddr() throws Malformed {
            long services = i64();
            need(18);
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[at + i] == 0;
            }
            mapped &= (b[at + 10] & 0xFF) == 0xFF && (b[at + 11] & 0xFF) == 0xFF;
            int ip = (b[at + 12] & 0xFF) << 24 | (b[at + 13] & 0xFF) << 16 | (b[at + 14] & 0xFF) << 8 | (b[at + 15] & 0xFF);
            int port = (b[at + 16] & 0xFF) << 8 | (b[at + 17] & 0xFF);
            at += 18;
            return mapped ? new NetAddr(services, ip, port) : null;
        }
    }
}
