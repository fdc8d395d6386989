package io.p2ptestbed.overlay.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.ethereum.Discv4.Endpoint;
import io.p2ptestbed.overlay.ethereum.Discv4.NodeRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EthCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final NodeKey KEY = NodeKey.generate(new SplittableRandom(7));

    @Test
    void keccakAndSecp256k1MatchKnownVectors() {
        assertThat(HEX.formatHex(NodeKey.keccak256(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(HEX.formatHex(NodeKey.of(BigInteger.ONE).id())).isEqualTo(
                "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                        + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
    }

    @Test
    void signaturesRecoverTheSignerWithALowS() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20; i++) {
            NodeKey k = NodeKey.generate(r);
            byte[] h = NodeKey.keccak256(new byte[] {(byte) i});
            byte[] sig = k.sign(h);
            assertThat(sig).hasSize(65);
            assertThat(sig[64]).isBetween((byte) 0, (byte) 1);
            assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64))).isLessThanOrEqualTo(NodeKey.N.shiftRight(1));
            assertThat(NodeKey.recover(h, sig, 0)).isEqualTo(k.id());
            assertThat(k.sign(h)).as("RFC 6979: deterministic").isEqualTo(sig);
        }
    }

    @Test
    void rlpMatchesTheYellowPaperExamplesAndRefusesNonCanonicalForms() {
        assertThat(HEX.formatHex(Rlp.encode("dog"))).isEqualTo("83646f67");
        assertThat(HEX.formatHex(Rlp.encode(List.of("cat", "dog")))).isEqualTo("c88363617483646f67");
        assertThat(HEX.formatHex(Rlp.encode(new byte[0]))).isEqualTo("80");
        assertThat(HEX.formatHex(Rlp.encode(List.of()))).isEqualTo("c0");
        assertThat(HEX.formatHex(Rlp.encode(0L))).isEqualTo("80");
        assertThat(HEX.formatHex(Rlp.encode(15L))).isEqualTo("0f");
        assertThat(HEX.formatHex(Rlp.encode(1024L))).isEqualTo("820400");
        assertThat(HEX.formatHex(Rlp.encode(List.of(List.of(), List.of(List.of()), List.of(List.of(), List.of(List.of()))))))
                .isEqualTo("c7c0c1c0c3c0c1c0");
        byte[] lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit".getBytes();
        assertThat(HEX.formatHex(Rlp.encode(lorem))).startsWith("b838");
        assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("8105"))).hasMessageContaining("single byte");
        assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("b80100"))).hasMessageContaining("non-canonical");
        assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("b9003800"))).hasMessageContaining("leading zero");
        assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("8300"))).hasMessageContaining("runs past");
        assertThatThrownBy(() -> Rlp.decode(HEX.parseHex("8000"))).hasMessageContaining("left over");
        assertThatThrownBy(() -> ((Rlp.Bytes) Rlp.decode(HEX.parseHex("820001"))).asLong(8, "x")).hasMessageContaining("leading zero");
    }

    static List<Discv4.Packet> samples() {
        byte[] id = KEY.id();
        List<NodeRecord> nodes = new ArrayList<>();
        for (int i = 0; i < Discv4.MAX_NEIGHBORS; i++) {
            nodes.add(new NodeRecord(0x7F010203 + i, 30303, 30303 + i, NodeKey.generate(new SplittableRandom(i)).id()));
        }
        return List.of(
                new Discv4.Ping(4, new Endpoint(0x7F000001, 30303, 30303), new Endpoint(0x7F000002, 30304, 0), 1_767_225_620L, -1),
                new Discv4.Ping(4, new Endpoint(0x7F000001, 30303, 30303), new Endpoint(0x7F000002, 30304, 1), 1_767_225_620L, 7),
                new Discv4.Pong(new Endpoint(0x7F000001, 1, 2), NodeKey.keccak256(new byte[] {1}), 1_767_225_620L, -1),
                new Discv4.FindNode(id, 1_767_225_620L),
                new Discv4.Neighbors(nodes, 1_767_225_620L),
                new Discv4.Neighbors(List.of(), 1_767_225_620L));
    }

    @Test
    void everyPacketRoundTripsAndNamesItsSigner() {
        for (Discv4.Packet p : samples()) {
            byte[] enc = Discv4.encode(KEY, p);
            assertThat(enc.length).isLessThanOrEqualTo(Discv4.MAX_PACKET);
            Discv4.Decoded d = Discv4.decode(enc);
            assertThat(d.sender()).isEqualTo(KEY.id());
            assertThat(d.hash()).isEqualTo(Discv4.hashOf(enc));
            assertThat(Rlp.encode(Discv4.body(d.packet()))).isEqualTo(Rlp.encode(Discv4.body(p)));
            assertThat(d.packet().type()).isEqualTo(p.type());
        }
    }

    @Test
    void theDecoderNamesWhatIsWrong() {
        byte[] ok = Discv4.encode(KEY, samples().get(0));
        byte[] badHash = ok.clone();
        badHash[0] ^= 1;
        assertThatThrownBy(() -> Discv4.decode(badHash)).hasMessageContaining("hash does not match");
        assertThatThrownBy(() -> Discv4.decode(new byte[50])).hasMessageContaining("shorter");
        assertThatThrownBy(() -> Discv4.decode(new byte[1300])).hasMessageContaining("exceeds 1280");
        byte[] type9 = resign(ok, 9, java.util.Arrays.copyOfRange(ok, Discv4.HEAD + 1, ok.length));
        assertThatThrownBy(() -> Discv4.decode(type9)).hasMessageContaining("unsupported discv4 packet type 9");
        byte[] notList = resign(ok, 3, HEX.parseHex("83646f67"));
        assertThatThrownBy(() -> Discv4.decode(notList)).hasMessageContaining("findnode").hasMessageContaining("list");
        byte[] shortTarget = resign(ok, 3, Rlp.encode(List.of(new byte[10], 5L)));
        assertThatThrownBy(() -> Discv4.decode(shortTarget)).hasMessageContaining("target must be 64 bytes");
        byte[] badV = ok.clone();
        badV[32 + 64] = 5;
        System.arraycopy(NodeKey.keccak256(badV, 32, badV.length - 32), 0, badV, 0, 32);
        assertThatThrownBy(() -> Discv4.decode(badV)).hasMessageContaining("recovery id");
    }

    /** A packet of {@code type} and {@code data}, signed by KEY, with a correct hash. */
    static byte[] resign(byte[] template, int type, byte[] data) {
        byte[] out = new byte[Discv4.HEAD + 1 + data.length];
        out[Discv4.HEAD] = (byte) type;
        System.arraycopy(data, 0, out, Discv4.HEAD + 1, data.length);
        byte[] sig = KEY.sign(NodeKey.keccak256(out, Discv4.HEAD, out.length - Discv4.HEAD));
        System.arraycopy(sig, 0, out, 32, 65);
        System.arraycopy(NodeKey.keccak256(out, 32, out.length - 32), 0, out, 0, 32);
        return out;
    }

    @Provide
    Arbitrary<Integer> sample() {
        return Arbitraries.integers().between(0, samples().size() - 1);
    }

    /** Corrupted packet data under a valid hash and signature: decoded, or refused with a message; nothing else. */
    @Property(tries = 150)
    void corruptedPacketDataIsDecodedOrRefused(@ForAll("sample") int which, @ForAll long seed) {
        byte[] ok = Discv4.encode(KEY, samples().get(which));
        SplittableRandom r = new SplittableRandom(seed);
        byte[] data = java.util.Arrays.copyOfRange(ok, Discv4.HEAD, ok.length);
        int mode = r.nextInt(3);
        if (mode == 0) {
            data[r.nextInt(data.length)] ^= (byte) (1 << r.nextInt(8));
        } else if (mode == 1) {
            data = java.util.Arrays.copyOf(data, 1 + r.nextInt(data.length));
        } else {
            data[1 + r.nextInt(data.length - 1)] = (byte) r.nextInt(256);
        }
        byte[] bad = resign(ok, data[0] & 0xFF, java.util.Arrays.copyOfRange(data, 1, data.length));
        try {
            Discv4.Decoded d = Discv4.decode(bad);
            assertThat(d.sender()).isEqualTo(KEY.id());
        } catch (Discv4.MalformedPacket e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** Random bytes and bit flips anywhere: refused with a message (the hash no longer matches). */
    @Property(tries = 150)
    void flippedPacketsAreRefused(@ForAll("sample") int which, @ForAll long seed) {
        byte[] bad = Discv4.encode(KEY, samples().get(which));
        SplittableRandom r = new SplittableRandom(seed);
        bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
        assertThatThrownBy(() -> Discv4.decode(bad)).isInstanceOf(Discv4.MalformedPacket.class);
    }

    static List<DevP2p.Msg> messages() {
        return List.of(new DevP2p.Hello(5, "geth/v1.8.0", List.of(new DevP2p.Cap("eth", 62), new DevP2p.Cap("eth", 63)), 30303,
                        KEY.id()),
                new DevP2p.Disconnect(DevP2p.DISC_TOO_MANY_PEERS), new DevP2p.PingMsg(), new DevP2p.PongMsg(),
                new DevP2p.Transactions(List.of(new DevP2p.HopTx(3, DevP2p.transaction(KEY, 1, new byte[20], "hi".getBytes())),
                        new DevP2p.HopTx(0, DevP2p.transaction(KEY, 2, new byte[0], new byte[100])))));
    }

    @Test
    void devp2pFramesRoundTrip() {
        for (DevP2p.Msg m : messages()) {
            byte[] f = DevP2p.encode(m);
            assertThat(DevP2p.encode(DevP2p.decode(f))).isEqualTo(f);
        }
        assertThat(HEX.formatHex(DevP2p.encode(new DevP2p.PingMsg()))).isEqualTo("02c0");
        assertThat(HEX.formatHex(DevP2p.encode(new DevP2p.Disconnect(4)))).isEqualTo("01c104");
        assertThatThrownBy(() -> DevP2p.decode(HEX.parseHex("7fc0"))).hasMessageContaining("unsupported message id 0x7f");
        assertThatThrownBy(() -> DevP2p.decode(HEX.parseHex("80c0"))).hasMessageContaining("hello needs at least 5");
        assertThatThrownBy(() -> DevP2p.decode(HEX.parseHex("00c0"))).hasMessageContaining("leading zero");
    }

    @Provide
    Arbitrary<Integer> message() {
        return Arbitraries.integers().between(0, messages().size() - 1);
    }

    @Property(tries = 200)
    void corruptedFramesAreDecodedOrRefused(@ForAll("message") int which, @ForAll long seed) {
        byte[] f = DevP2p.encode(messages().get(which));
        SplittableRandom r = new SplittableRandom(seed);
        byte[] bad = r.nextBoolean() ? java.util.Arrays.copyOf(f, r.nextInt(f.length)) : f.clone();
        if (bad.length > 0 && bad.length == f.length) {
            bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
        }
        try {
            DevP2p.decode(bad);
        } catch (DevP2p.MalformedFrame e) {
            assertThat(e.getMessage()).startsWith("devp2p frame: ");
        }
    }
}
