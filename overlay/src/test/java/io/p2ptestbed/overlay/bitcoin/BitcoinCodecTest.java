package io.p2ptestbed.overlay.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.p2ptestbed.overlay.bitcoin.Message.Verack;
import io.p2ptestbed.overlay.bitcoin.Message.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BitcoinCodecTest {

    private final BitcoinCodec codec = new BitcoinCodec(60_000);

    static Tx tx(int n) {
        byte[] prev = new byte[32];
        prev[0] = (byte) n;
        return new Tx(2, List.of(new Tx.Input(prev, n, new byte[] {6, 127, 1, 0, 1, 0x1a, (byte) 0xe1, 1, 'x'}, 0xFFFFFFFFL)),
                List.of(new Tx.Output(1000L * n, new byte[] {0x6a})), 0);
    }

    static List<Message> samples() {
        byte[] h = new byte[32];
        h[31] = 7;
        List<Tx> txs = List.of(tx(1), tx(2), tx(3));
        Block b = new Block(0x20000000, new byte[32], BitcoinCodec.merkleRoot(txs), 1_767_225_600L, 0x207fffffL, 42, txs);
        return List.of(
                new Version(70016, 1, 1_767_225_600L, new NetAddr(1, 0x7F010203, 8333), new NetAddr(1, 0x7F050607, 18444),
                        0x1122334455667788L, "/Satoshi:27.0.0/", 5, true),
                new Verack(), new GetAddr(), new Ping(-5), new Pong(99),
                new Addr(List.of(new TimedAddr(1_767_225_000L, new NetAddr(1, 0x7F0A0B0C, 8333)),
                        new TimedAddr(1_767_225_600L, new NetAddr(1033, 0x7F0A0B0D, 8334)))),
                new Inventory(Inventory.INV, List.of(new InvItem(InvItem.MSG_TX | 3 << 16, h), new InvItem(InvItem.MSG_BLOCK, h))),
                new Inventory(Inventory.GETDATA, List.of(new InvItem(InvItem.MSG_TX, h))),
                new Inventory(Inventory.NOTFOUND, List.of(new InvItem(InvItem.MSG_TX, h))),
                new TxMsg(tx(9)), new BlockMsg(b));
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        for (Message m : samples()) {
            byte[] wire = codec.encode(m);
            assertThat(BitcoinCodec.peekCommand(wire)).isEqualTo(m.command());
            assertThat(codec.decode(wire)).as(m.command()).isEqualTo(m);
            assertThat(codec.encode(codec.decode(wire))).isEqualTo(wire);
        }
    }

    @Test
    void inventoryFramesAreTheEncodedInventories() {
        List<InvItem> items = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            byte[] h = new byte[32];
            h[0] = (byte) k;
            h[31] = (byte) (k >> 8);
            items.add(new InvItem(InvItem.MSG_TX | (k % 7) << 16, h));
        }
        for (int n : new int[] {0, 1, 252, 253, 300}) {
            for (String command : List.of(Inventory.INV, Inventory.GETDATA, Inventory.NOTFOUND)) {
                assertThat(BitcoinCodec.inventoryFrame(command, items, 0, n))
                        .isEqualTo(codec.encode(new Inventory(command, items.subList(0, n))));
            }
        }
        assertThat(BitcoinCodec.inventoryFrame(Inventory.INV, items, 5, 9))
                .isEqualTo(codec.encode(new Inventory(Inventory.INV, items.subList(5, 9))));
    }

    @Test
    void verackIsBitcoinsKnownFrame() {
        // mainnet's verack is f9beb4d9 76657261636b000000000000 00000000 5df6e0e2; regtest differs in the magic only
        byte[] wire = codec.encode(new Verack());
        assertThat(Hashes.hex(wire)).isEqualTo("fabfb5da" + "76657261636b000000000000" + "00000000" + "5df6e0e2");
    }

    @Test
    void txidIsTheDoubleSha256OfTheSerialization() {
        Tx t = tx(1);
        byte[] ser = BitcoinCodec.serialize(t);
        assertThat(ser[0]).isEqualTo((byte) 2); // version 2, little-endian
        assertThat(ser[4]).isEqualTo((byte) 1); // one input
        assertThat(BitcoinCodec.txid(t)).isEqualTo(Hashes.sha256d(ser));
        assertThat(new TxMsg(t).txid()).isEqualTo(Hashes.sha256d(ser));
    }

    @Test
    void decodingNamesWhatIsWrong() {
        byte[] ping = codec.encode(new Ping(1));
        byte[] badMagic = ping.clone();
        badMagic[0] = (byte) 0xF9;
        assertThatThrownBy(() -> codec.decode(badMagic)).hasMessageContaining("magic");
        byte[] badSum = ping.clone();
        badSum[20] ^= 1;
        assertThatThrownBy(() -> codec.decode(badSum)).hasMessageContaining("checksum");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(ping, 23))).hasMessageContaining("24-byte header");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(ping, 31))).hasMessageContaining("length field says 8");
        byte[] padding = ping.clone();
        padding[14] = 'x';
        assertThatThrownBy(() -> codec.decode(padding)).hasMessageContaining("after its NUL padding");
        assertThatThrownBy(() -> codec.decode(BitcoinCodec.frame("ping", new byte[9]))).hasMessageContaining("1 trailing bytes");
        // a CompactSize of 3 written in three bytes is non-canonical
        assertThatThrownBy(() -> codec.decode(BitcoinCodec.frame("inv", new byte[] {(byte) 0xFD, 3, 0})))
                .hasMessageContaining("non-canonical");
        assertThatThrownBy(() -> codec.decode(BitcoinCodec.frame("addr", new byte[] {(byte) 0xFD, (byte) 0xE9, 3})))
                .hasMessageContaining("addr count 1001 exceeds the limit of 1000");
        byte[] item = new byte[37];
        item[0] = 1;
        item[1] = 9; // type 9
        assertThatThrownBy(() -> codec.decode(BitcoinCodec.frame("getdata", item))).hasMessageContaining("inventory type");
        assertThatThrownBy(() -> new BitcoinCodec(100).decode(BitcoinCodec.frame("ping", new byte[200])))
                .hasMessageContaining("exceeds the maximum of 100");
    }

    /** Session 12's process-wide memo of decoded tx frames answers only for byte-identical frames. */
    @Test
    void aTxFrameDecodedBeforeIsRememberedOnlyByteForByte() throws Exception {
        byte[] frame = codec.encode(new TxMsg(tx(77)));
        byte[] valid = frame.clone();
        TxMsg first = (TxMsg) codec.decode(frame);
        assertThat(codec.decode(frame.clone())).as("an equal frame: the remembered message").isSameAs(first);
        byte[] flipped = frame.clone();
        flipped[frame.length - 5] ^= 1; // a payload byte, the checksum left as it was
        assertThatThrownBy(() -> codec.decode(flipped)).isInstanceOf(BitcoinCodec.Malformed.class)
                .hasMessage("checksum mismatch for a 'tx' message");
        frame[frame.length - 5] ^= 1; // the remembered frame's own array changed in place: no longer the same bytes
        assertThatThrownBy(() -> codec.decode(frame)).hasMessage("checksum mismatch for a 'tx' message");
        assertThatThrownBy(() -> new BitcoinCodec(50).decode(valid))
                .as("another codec's smaller limit is checked before the memo").hasMessageContaining("exceeds the maximum of 50");
    }

    /**
     * Session 15's memo of sealed frames: the receiver of a frame this process sealed does not hash it again, but a
     * frame changed in any byte after sealing (a copy, or the sealed array itself, in place) is hashed and refused.
     */
    @Test
    void aSealedFrameIsTrustedOnlyByteForByte() throws Exception {
        byte[] h = new byte[32];
        h[3] = 42;
        List<InvItem> items = List.of(new InvItem(InvItem.MSG_TX, h), new InvItem(InvItem.MSG_TX | 2 << 16, h));
        for (String command : List.of(Inventory.INV, Inventory.GETDATA)) {
            byte[] frame = BitcoinCodec.inventoryFrame(command, items, 0, 2);
            assertThat(codec.inventoryEntries(frame)).as("the sealed frame").isEqualTo(25);
            assertThat(codec.inventoryEntries(frame.clone())).as("an equal copy").isEqualTo(25);
            byte[] copy = frame.clone();
            copy[40] ^= 1; // a hash byte, the checksum left as it was
            assertThatThrownBy(() -> codec.inventoryEntries(copy)).hasMessage("checksum mismatch for a '" + command + "' message");
            frame[frame.length - 1] ^= (byte) 0x80; // the sealed array changed in place
            assertThatThrownBy(() -> codec.inventoryEntries(frame)).hasMessage("checksum mismatch for a '" + command + "' message");
            assertThatThrownBy(() -> new BitcoinCodec(50).inventoryEntries(BitcoinCodec.inventoryFrame(command, items, 0, 2)))
                    .as("a smaller limit is checked before the memo").hasMessageContaining("exceeds the maximum of 50");
        }
        long[] one = {1_767_225_600L, 1, (0x7F010203L << 16) | 8333};
        byte[] addr = BitcoinCodec.addrFrame(one, 1);
        assertThat(codec.addrEntries(addr)).isEqualTo(25);
        addr[30] ^= 4;
        assertThatThrownBy(() -> codec.addrEntries(addr)).hasMessage("checksum mismatch for a 'addr' message");
    }

    /**
     * Session 17: a frame sealed for one peer ({@code sealOnce}) is recyclable once read, nothing else is (a frame sealed
     * by {@code seal}, an equal copy, the sealed-once array changed in place); a recycled array comes back, on this
     * thread, for a frame of the same entry count, and the frame written into it is byte for byte the one a fresh
     * array gives, even when it held a longer command before ("getdata" then "inv": the NUL padding is written again).
     */
    @Test
    void aFrameSealedForOnePeerIsRecycledAndWrittenAgainInFull() throws Exception {
        List<InvItem> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] h = new byte[32];
            Arrays.fill(h, (byte) (0x11 * (i + 1)));
            items.add(new InvItem(InvItem.MSG_TX | i << 16, h));
        }
        byte[] sealed = BitcoinCodec.inventoryFrame(Inventory.INV, items, 0, 3);
        assertThat(codec.inventoryEntries(sealed)).isEqualTo(25);
        assertThat(codec.recyclable()).as("sealed for anyone").isFalse();

        byte[] once = once(Inventory.GETDATA, items);
        assertThat(codec.inventoryEntries(once.clone())).isEqualTo(25);
        assertThat(codec.recyclable()).as("an equal copy").isFalse();
        assertThat(codec.inventoryEntries(once)).isEqualTo(25);
        assertThat(codec.recyclable()).as("the array sealed for one peer").isTrue();
        once[30] ^= 1;
        assertThatThrownBy(() -> codec.inventoryEntries(once)).hasMessage("checksum mismatch for a 'getdata' message");
        assertThat(codec.recyclable()).as("changed in place").isFalse();
        once[30] ^= 1;

        BitcoinCodec.recycle(once, 3);
        byte[] again = BitcoinCodec.pooledInventoryFrame(3);
        assertThat(again).as("the recycled array, on this thread").isSameAs(once);
        fill(again, items);
        BitcoinCodec.sealOnce(again, Inventory.INV);
        assertThat(codec.inventoryEntries(again)).isEqualTo(25);
        assertThat(codec.recyclable()).isTrue();
        // (an equal frame sealed after it takes its place in the memo: the array is then hashed, and not recycled)
        assertThat(again).as("every byte written again").isEqualTo(BitcoinCodec.inventoryFrame(Inventory.INV, items, 0, 3));
        assertThat(codec.inventoryEntries(again)).isEqualTo(25);
        assertThat(codec.recyclable()).isFalse();
        assertThat(BitcoinCodec.pooledInventoryFrame(3)).as("the pool is empty again").isNotSameAs(once);
    }

    /** Session 18: a frame sealed for one peer is trusted unhashed at its one reading; read again, it is hashed. */
    @Test
    void aFrameSealedForOnePeerIsTrustedOnceThenHashed() throws Exception {
        List<InvItem> items = List.of(new InvItem(InvItem.MSG_TX, new byte[32]), new InvItem(InvItem.MSG_TX, fillWith(0x42)));
        byte[] once = once(Inventory.INV, items);
        assertThat(codec.inventoryEntries(once)).isEqualTo(25);
        assertThat(codec.recyclable()).as("its one reading").isTrue();
        assertThat(codec.inventoryEntries(once)).as("read again: hashed, and still right").isEqualTo(25);
        assertThat(codec.recyclable()).as("a second reading is not the one peer's").isFalse();
        once[40] ^= 1;
        assertThatThrownBy(() -> codec.inventoryEntries(once)).hasMessage("checksum mismatch for a 'inv' message");
    }

    private static byte[] fillWith(int b) {
        byte[] h = new byte[32];
        Arrays.fill(h, (byte) b);
        return h;
    }

    private static byte[] once(String command, List<InvItem> items) {
        byte[] f = BitcoinCodec.pooledInventoryFrame(items.size());
        fill(f, items);
        BitcoinCodec.sealOnce(f, command);
        return f;
    }

    private static void fill(byte[] f, List<InvItem> items) {
        int at = BitcoinCodec.inventoryOffset(items.size());
        for (InvItem i : items) {
            BitcoinCodec.putInt(f, at, i.type());
            System.arraycopy(i.hash(), 0, f, at + 4, 32);
            at += 36;
        }
    }

    /**
     * Session 16: the memo keeps the sealed array and a fingerprint of its bytes instead of a copy. Every single bit
     * of a sealed inv frame's payload flipped in place (40 entries, 1,465 bytes) is refused as a checksum mismatch, and
     * the frame is accepted again once the bit is flipped back.
     */
    @Test
    void aSealedFrameChangedInPlaceInAnyPayloadBitIsRefused() throws Exception {
        List<InvItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] h = new byte[32];
            h[0] = (byte) i;
            h[31] = (byte) (7 * i);
            items.add(new InvItem(InvItem.MSG_TX, h));
        }
        byte[] frame = BitcoinCodec.inventoryFrame(Inventory.INV, items, 0, items.size());
        assertThat(frame.length).isEqualTo(1_465);
        int first = codec.inventoryEntries(frame);
        for (int at = 24; at < frame.length; at++) {
            for (int bit = 0; bit < 8; bit++) {
                frame[at] ^= (byte) (1 << bit);
                int pos = at;
                assertThatThrownBy(() -> codec.inventoryEntries(frame)).as("byte %d bit %d", pos, bit)
                        .isInstanceOf(BitcoinCodec.Malformed.class);
                frame[at] ^= (byte) (1 << bit);
            }
        }
        assertThat(codec.inventoryEntries(frame)).as("the frame as sealed").isEqualTo(first);
    }

    @Test
    void aBlockWhoseMerkleRootLiesIsRefused() {
        List<Tx> txs = List.of(tx(1), tx(2));
        Block b = new Block(1, new byte[32], new byte[32], 0, 0x207fffffL, 0, txs);
        byte[] wire = codec.encode(new BlockMsg(b));
        assertThatThrownBy(() -> codec.decode(wire)).hasMessageContaining("merkle root");
    }

    @Test
    void unknownCommandsDecodeToUnknown() throws Exception {
        assertThat(codec.decode(BitcoinCodec.frame("sendheaders", new byte[0]))).isEqualTo(new Message.Unknown("sendheaders"));
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        List<byte[]> valid = new ArrayList<>();
        samples().forEach(m -> valid.add(codec.encode(m)));
        Arbitrary<byte[]> base = Arbitraries.of(valid);
        Arbitrary<byte[]> flipped = base.flatMap(v -> Arbitraries.integers().between(0, v.length * 8 - 1).map(bit -> {
            byte[] x = v.clone();
            x[bit / 8] ^= (byte) (1 << (bit % 8));
            return x;
        }));
        Arbitrary<byte[]> cut = base.flatMap(v -> Arbitraries.integers().between(0, v.length).map(n -> Arrays.copyOf(v, n)));
        // payload corruptions under a recomputed checksum reach the payload parser
        Arbitrary<byte[]> reframed = base.flatMap(v -> Arbitraries.integers().between(BitcoinCodec.HEADER_BYTES, v.length)
                .flatMap(at -> Arbitraries.bytes().map(val -> {
                    byte[] payload = Arrays.copyOfRange(v, BitcoinCodec.HEADER_BYTES, v.length);
                    if (at - BitcoinCodec.HEADER_BYTES < payload.length) {
                        payload[at - BitcoinCodec.HEADER_BYTES] = val;
                    }
                    return BitcoinCodec.frame(BitcoinCodec.peekCommand(v), payload);
                })));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(flipped, cut, reframed, noise);
    }

    /** Hostile frames never throw anything but Malformed, and whatever decodes re-encodes to a frame that decodes the same. */
    @Property(tries = 1500)
    void decode_shouldRefuseOrRoundTrip(@ForAll("hostile") byte[] frame) throws Exception {
        Message m;
        try {
            m = codec.decode(frame);
        } catch (BitcoinCodec.Malformed e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(codec.decode(codec.encode(m))).isEqualTo(m);
    }

    /** What decode made of a frame: the message, or (null and) the refusal's message. */
    record Decoded(Message message, String refused) {}

    private Decoded decoded(byte[] frame) {
        try {
            return new Decoded(codec.decode(frame), null);
        } catch (BitcoinCodec.Malformed e) {
            return new Decoded(null, e.getMessage());
        }
    }

    /**
     * The relay's in-place reading of inv and getdata frames accepts exactly the frames decode accepts as such (else it
     * refuses with decode's message), and reads the same entries.
     */
    @Property(tries = 1500)
    void inventoryEntries_shouldAgreeWithDecode(@ForAll("hostile") byte[] frame) {
        Decoded d = decoded(frame);
        Message m = d.message();
        String refused = d.refused();
        boolean inv = BitcoinCodec.isInv(frame);
        boolean getData = BitcoinCodec.isGetData(frame);
        if (!inv && !getData) {
            assertThat(m instanceof Inventory i && (i.command().equals(Inventory.INV) || i.command().equals(Inventory.GETDATA)))
                    .as("an inv or getdata the check missed").isFalse();
            return;
        }
        Integer first = readOrRefused(() -> codec.inventoryEntries(frame), refused);
        if (first == null) {
            return;
        }
        List<Message.InvItem> items = ((Message.Inventory) m).items();
        assertThat((frame.length - first) / 36).isEqualTo(items.size());
        for (int k = 0; k < items.size(); k++) {
            int at = first + 36 * k;
            assertThat(BitcoinCodec.getInt(frame, at)).isEqualTo(items.get(k).type());
            assertThat(BitcoinCodec.getLong(frame, at + 4)).isEqualTo(Hashes.id64(items.get(k).hash()));
            assertThat(Arrays.copyOfRange(frame, at + 4, at + 36)).isEqualTo(items.get(k).hash());
        }
    }

    /**
     * The relay's in-place reading of addr frames accepts exactly the frames decode accepts as addr (else it refuses
     * with decode's message), and its IPv4-mapped entries are decode's addresses, in order.
     */
    @Property(tries = 1500)
    void addrEntries_shouldAgreeWithDecode(@ForAll("hostile") byte[] frame) {
        Decoded d = decoded(frame);
        Message m = d.message();
        String refused = d.refused();
        if (!BitcoinCodec.isAddr(frame)) {
            assertThat(m instanceof Addr).as("an addr the check missed").isFalse();
            return;
        }
        Integer first = readOrRefused(() -> codec.addrEntries(frame), refused);
        if (first == null) {
            return;
        }
        List<TimedAddr> read = new ArrayList<>();
        for (int at = first; at < frame.length; at += BitcoinCodec.ADDR_ENTRY_BYTES) {
            if (BitcoinCodec.addrMapped(frame, at)) {
                read.add(new TimedAddr(BitcoinCodec.addrTime(frame, at), new NetAddr(BitcoinCodec.addrServices(frame, at),
                        BitcoinCodec.addrIp(frame, at), BitcoinCodec.addrPort(frame, at))));
            }
        }
        assertThat((frame.length - first) % BitcoinCodec.ADDR_ENTRY_BYTES).isZero();
        assertThat(read).isEqualTo(((Addr) m).addresses());
    }

    @Test
    void addrFramesAreTheEncodedAddrs() {
        List<TimedAddr> all = new ArrayList<>();
        long[] triples = new long[3 * 300];
        for (int k = 0; k < 300; k++) {
            long time = 1_767_225_600L - 977L * k + (k % 3 == 0 ? 0xF000_0000L : 0);
            long services = k % 5 == 0 ? -1L - k : 1L << (k % 64);
            int ip = 0x7F000000 | k * 2_654_435 & 0xFFFFFF | (k % 4 == 0 ? 0x80000000 : 0);
            int port = k % 2 == 0 ? 8333 + k : 65_535 - k;
            all.add(new TimedAddr(time, new NetAddr(services, ip, port)));
            triples[3 * k] = time;
            triples[3 * k + 1] = services;
            triples[3 * k + 2] = (ip & 0xFFFFFFFFL) << 16 | port;
        }
        for (int n : new int[] {0, 1, 10, 252, 253, 300}) {
            assertThat(BitcoinCodec.addrFrame(triples, n)).as("%d entries", n)
                    .isEqualTo(codec.encode(new Addr(all.subList(0, n))));
        }
    }

    /** An in-place reader's first entry, or null when it refused the frame with the same message as {@code decode}. */
    private static Integer readOrRefused(EntryReader reader, String refused) {
        try {
            int first = reader.read();
            assertThat(refused).isNull();
            return first;
        } catch (BitcoinCodec.Malformed e) {
            assertThat(e.getMessage()).isEqualTo(refused);
            return null;
        }
    }

    @FunctionalInterface
    private interface EntryReader {
        int read() throws BitcoinCodec.Malformed;
    }
}
