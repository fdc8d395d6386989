package io.p2ptestbed.overlay.superpeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.index.IndexCodec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuperPeerCodecTest {

    static final NodeAddress A = NodeAddress.of(127, 53, 1, 1, 7531);

    @Test
    void everyFrameRoundTrips() throws Exception {
        List<SuperPeerMessage> all = List.of(new SuperPeerMessage.Hello(true, 7531, 999, 12), new SuperPeerMessage.Hello(false, 1, 0, 0),
                new SuperPeerMessage.SupersRequest(), new SuperPeerMessage.Supers(List.of(new SuperPeerMessage.SuperInfo(A, 950, 3))),
                new SuperPeerMessage.Attach(List.of("kw1", "kw2")), new SuperPeerMessage.Query(-5L, 4, 0, "kw9"),
                new SuperPeerMessage.Hits(7L, A, List.of(A)), new SuperPeerMessage.Hits(8L, A, List.of()));
        for (SuperPeerMessage m : all) {
            assertThat(SuperPeerCodec.decode(SuperPeerCodec.encode(m))).as("%s", m).isEqualTo(m);
        }
    }

    @Test
    void malformedFramesAreRefusedNamingWhatIsWrong() {
        byte[] hello = SuperPeerCodec.encode(new SuperPeerMessage.Hello(true, 7531, 999, 12));
        assertMalformed(new byte[] {'S'}, "no 'SP' magic");
        assertMalformed(with(hello, 2, 42), "unknown frame type 42");
        assertMalformed(with(hello, 3, 2), "role is 0 or 1");
        assertMalformed(Arrays.copyOf(hello, hello.length + 1), "1 bytes left over");
        assertMalformed(Arrays.copyOf(hello, hello.length - 1), "cut off");
        byte[] query = SuperPeerCodec.encode(new SuperPeerMessage.Query(1, 4, 0, "kw9"));
        assertMalformed(with(query, 11, 0), "TTL is 1..16, got 0");
        byte[] capacity = with(hello, 6, 0x7F); // capacity high byte
        assertMalformed(capacity, "a capacity is 0..999");
        assertMalformed(new byte[SuperPeerCodec.MAX_FRAME + 1], "no 'SP' magic");
    }

    private static byte[] with(byte[] b, int i, int v) {
        byte[] c = b.clone();
        c[i] = (byte) v;
        return c;
    }

    private static void assertMalformed(byte[] f, String message) {
        assertThatThrownBy(() -> SuperPeerCodec.decode(f)).isInstanceOf(IndexCodec.Malformed.class).hasMessageContaining(message);
    }
}
