package io.p2ptestbed.overlay.epidemic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.epidemic.EpidemicMessage.*;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EpidemicCodecTest {

    private final SplittableRandom rng = new SplittableRandom(5);
    private final NodeId me = NodeId.random(rng);
    private final Contact other = new Contact(NodeId.random(rng), NodeAddress.of(127, 0, 0, 9, 7000));

    @Test
    void everyMessageSurvivesTheRoundTrip() throws Exception {
        List<EpidemicMessage> all = List.of(new Join(me, 42), new Pull(me, -7, 120),
                new Members(me, 3, 1, 2, 77, List.of(other, other)),
                new Feedback(me, 0x1234_5678_9ABC_DEF0L, true), new Feedback(me, -1L, false));
        for (EpidemicMessage m : all) {
            assertThat(EpidemicCodec.decode(EpidemicCodec.encode(m))).as("%s", m).isEqualTo(m);
        }
        Rumor r = new Rumor(me, 99L, other, 7, true, new byte[] {1, 2, 3});
        Rumor back = (Rumor) EpidemicCodec.decode(EpidemicCodec.encode(r));
        assertThat(back.messageId()).isEqualTo(99L);
        assertThat(back.origin()).isEqualTo(other);
        assertThat(back.hops()).isEqualTo(7);
        assertThat(back.wantFeedback()).isTrue();
        assertThat(back.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void theRumourHasTheDocumentedLayout() {
        byte[] b = EpidemicCodec.encode(new Rumor(me, 1L, other, 2, false, new byte[5]));
        assertThat(b).hasSize(EpidemicCodec.HEADER + 8 + 26 + 2 + 1 + 2 + 5);
        assertThat(b[0] & 0xFF).isEqualTo(0xE9);
        assertThat(b[1]).isEqualTo((byte) 1);
        assertThat(b[2]).isEqualTo((byte) 4);
    }

    @Test
    void malformedDatagramsAreRefusedWithTheReason() {
        byte[] ok = EpidemicCodec.encode(new Feedback(me, 5L, true));
        assertThatThrownBy(() -> EpidemicCodec.decode(new byte[3])).hasMessageContaining("shorter than the 23-byte header");
        byte[] magic = ok.clone();
        magic[0] = 0x11;
        assertThatThrownBy(() -> EpidemicCodec.decode(magic)).hasMessageContaining("bad magic");
        byte[] version = ok.clone();
        version[1] = 9;
        assertThatThrownBy(() -> EpidemicCodec.decode(version)).hasMessageContaining("unsupported version 9");
        byte[] type = ok.clone();
        type[2] = 77;
        assertThatThrownBy(() -> EpidemicCodec.decode(type)).hasMessageContaining("unknown message type 77");
        byte[] flag = ok.clone();
        flag[flag.length - 1] = 2;
        assertThatThrownBy(() -> EpidemicCodec.decode(flag)).hasMessageContaining("must be 0 or 1");
        byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
        assertThatThrownBy(() -> EpidemicCodec.decode(longer)).hasMessageContaining("1 trailing bytes");
        byte[] shorter = java.util.Arrays.copyOf(ok, ok.length - 1);
        assertThatThrownBy(() -> EpidemicCodec.decode(shorter)).hasMessageContaining("too short");
        byte[] rumor = EpidemicCodec.encode(new Rumor(me, 1L, other, 2, false, new byte[5]));
        rumor[rumor.length - 7] = 0x7F; // payload length, high byte
        assertThatThrownBy(() -> EpidemicCodec.decode(rumor)).hasMessageContaining("payload length");
        byte[] members = EpidemicCodec.encode(new Members(me, 1, 0, 1, 1, List.of(other)));
        members[EpidemicCodec.HEADER + 12] = 2; // count says two contacts, one follows
        assertThatThrownBy(() -> EpidemicCodec.decode(members)).hasMessageContaining("MEMBERS contacts need 52 bytes");
    }
}
