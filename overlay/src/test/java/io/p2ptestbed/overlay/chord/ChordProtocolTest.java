package io.p2ptestbed.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.spi.KeySpaces;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.Protocols;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChordProtocolTest {

    private final OverlayProtocol chord = Protocols.get("chord");

    @Test
    void chord_shouldBeRegisteredNextToKademlia() {
        assertThat(Protocols.names()).contains("chord", "kademlia");
        assertThat(chord).isInstanceOf(ChordProtocol.class);
        assertThat(chord.keySpace()).isSameAs(KeySpaces.CLOCKWISE);
        assertThat(chord.defaults()).containsEntry("successors", "8").containsEntry("bindIds", "false")
                .containsEntry("verifySuccessors", "false").containsEntry("crossCheck", "1");
    }

    @Test
    void badParameters_shouldBeRefusedByName() {
        assertThatThrownBy(() -> chord.params(Map.of("successors", "1"))).hasMessageContaining("successors");
        assertThatThrownBy(() -> chord.params(Map.of("stabilizeMillis", "fast"))).hasMessageContaining("stabilizeMillis");
        assertThatThrownBy(() -> chord.params(Map.of("crossCheck", "0"))).hasMessageContaining("crossCheck");
        assertThatThrownBy(() -> chord.params(Map.of("replicas", "8"))).hasMessageContaining("replicas");
        assertThatThrownBy(() -> chord.params(Map.of("bindIds", "yes"))).hasMessageContaining("bindIds");
        assertThatThrownBy(() -> chord.params(Map.of("k", "8"))).hasMessageContaining("unknown parameter 'k'");
        ChordConfig c = ChordConfig.of(chord.params(Map.of("successors", "4", "crossCheck", "3")));
        assertThat(c.successors()).isEqualTo(4);
        assertThat(c.crossCheck()).isEqualTo(3);
        assertThat(ChordConfig.of(chord.params(Map.of()))).isEqualTo(ChordConfig.defaults());
    }
}
