package io.p2ptestbed.overlay.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.defence.Bep42;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.NodeDefences;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one reader of defence specs: an overlay's own syntax, the neutral defences, and who makes honest ids. */
class DefencesTest {

    @Test
    void kademlia_shouldReadItsOwnSpecAndMakeBep42Ids() {
        NodeDefences d = Defences.parse("kademlia", "bep42");
        assertThat(d.makesIds()).isTrue();
        assertThat(d.isEmpty()).isFalse();
        NodeAddress a = NodeAddress.parse("124.31.75.21:6881");
        NodeId id = d.idFor(a, new SplittableRandom(7));
        assertThat(Bep42.isCompliant(id, a)).as("id %s bound to %s", id, a).isTrue();
        assertThat(Defences.own("kademlia", "bep42")).isPresent();
    }

    @Test
    void kademliaWithoutIdRules_shouldNotMakeIds() {
        NodeDefences d = Defences.parse("kademlia", "rate-limit(ip=10/s,ip-burst=20,id=10/s,id-burst=20)");
        assertThat(d.makesIds()).isFalse();
        assertThatThrownBy(() -> d.idFor(NodeAddress.parse("127.0.0.1:1"), new SplittableRandom(1)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("do not make ids");
        assertThat(Defences.parse("kademlia", "none").isEmpty()).isTrue();
    }

    @Test
    void overlayWithoutOwnSyntax_shouldTakeTheNeutralDefences() {
        assertThat(Defences.own("chord", "rate-limit(ip=10,burst=20)")).isEmpty();
        NodeDefences d = Defences.parse("chord", "rate-limit(ip=10,burst=20)");
        assertThat(d.makesIds()).isFalse();
        assertThat(d.spec()).contains("rate-limit");
        assertThat(Defences.parse("chord", "rate-limit(ip=10/s,ip-burst=20)").spec())
                .as("Kademlia's spelling of the same limits").isEqualTo(d.spec());
    }

    @Test
    void badSpec_shouldNameWhatIsWrong() {
        assertThatThrownBy(() -> Defences.own("kademlia", "no-such-defence"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad defence spec 'no-such-defence'");
        assertThatThrownBy(() -> Defences.parse("chord", "no-such-defence"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chord");
    }
}
