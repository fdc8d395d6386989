package io.p2ptestbed.overlay.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexCodecTest {

    static final NodeAddress A = NodeAddress.of(127, 53, 0, 1, 7531);

    @Test
    void everyMessageRoundTrips() throws Exception {
        List<IndexMessage> all = List.of(new IndexMessage.Register(7, A, List.of("kw1", "kw22")),
                new IndexMessage.Register(-1, new NodeAddress(0, 7531), List.of()), new IndexMessage.Registered(8, true),
                new IndexMessage.Registered(9, false), new IndexMessage.Query(10, "kw3", 5),
                new IndexMessage.Results(11, List.of(A, NodeAddress.of(127, 53, 0, 2, 7531))), new IndexMessage.Results(12, List.of()),
                new IndexMessage.Probe(13, 7, Long.MIN_VALUE), new IndexMessage.ProbeAck(14, 42L), new IndexMessage.Ping(15),
                new IndexMessage.Pong(16));
        for (IndexMessage m : all) {
            assertThat(IndexCodec.decode(IndexCodec.encode(m))).as("%s", m).isEqualTo(m);
        }
    }

    @Test
    void malformedDatagramsAreRefusedNamingWhatIsWrong() {
        byte[] query = IndexCodec.encode(new IndexMessage.Query(1, "kw3", 5));
        assertMalformed(new byte[3], "shorter than the 8-byte header");
        assertMalformed(with(query, 0, 'J'), "bad magic");
        assertMalformed(with(query, 2, 9), "unknown version 9");
        assertMalformed(with(query, 3, 99), "unknown message type 99");
        assertMalformed(Arrays.copyOf(query, query.length + 1), "1 bytes left over");
        assertMalformed(Arrays.copyOf(query, query.length - 2), "cut off");
        assertMalformed(with(query, query.length - 1, 0), "asks for 1 to 100 peers, got 0");
        assertMalformed(with(query, 9, ' '), "printable ASCII");
        assertMalformed(with(query, 8, 0), "a file name has 1 to 64 bytes, got 0");
        byte[] results = IndexCodec.encode(new IndexMessage.Results(2, List.of()));
        assertMalformed(with(results, 8, 101), "at most 100 peers, got 101");
        byte[] registered = IndexCodec.encode(new IndexMessage.Registered(3, false));
        assertMalformed(with(registered, 8, 2), "pending flag is 0 or 1, got 2");
        assertMalformed(new byte[IndexCodec.MAX_DATAGRAM + 1], "longer than");
    }

    @Test
    void namesOutsideTheAlphabetAreRefusedBeforeEncoding() {
        assertThatThrownBy(() -> IndexCodec.encode(new IndexMessage.Query(1, "two words", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII without spaces");
        assertThatThrownBy(() -> IndexCodec.encode(new IndexMessage.Query(1, "", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 64 characters");
    }

    private static byte[] with(byte[] b, int i, int v) {
        byte[] c = b.clone();
        c[i] = (byte) v;
        return c;
    }

    private static void assertMalformed(byte[] d, String message) {
        assertThatThrownBy(() -> IndexCodec.decode(d)).isInstanceOf(IndexCodec.Malformed.class).hasMessageContaining(message);
    }
}
