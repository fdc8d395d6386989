package io.p2ptestbed.overlay.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolParamsTest {

    enum Mode { RUMOR, FANOUT }

    record Config(int n, long millis, boolean on, double c, Mode mode, String role) {}

    private static final Map<String, String> DEFAULTS =
            ProtocolParams.valuesOf(new Config(3, 1_000, true, 2.0, Mode.FANOUT, "auto"));

    private static ProtocolParams given(String name, String value) {
        return ProtocolParams.of("demo", DEFAULTS, Map.of(name, value));
    }

    @Test
    void valuesOf_shouldListTheComponentsInOrderAsText() {
        assertThat(DEFAULTS).containsExactly(Map.entry("n", "3"), Map.entry("millis", "1000"), Map.entry("on", "true"),
                Map.entry("c", "2.0"), Map.entry("mode", "fanout"), Map.entry("role", "auto"));
    }

    @Test
    void typedGetters_shouldReadWhatTheyList() {
        ProtocolParams p = ProtocolParams.of("demo", DEFAULTS, Map.of("mode", "Rumor", "c", " -1.5 "));
        assertThat(p.intValue("n", 1, 10)).isEqualTo(3);
        assertThat(p.longValue("millis", 1, 10_000)).isEqualTo(1_000L);
        assertThat(p.bool("on")).isTrue();
        assertThat(p.decimal("c", -20, 50)).isEqualTo(-1.5);
        assertThat(p.choice("mode", Mode.class)).isEqualTo(Mode.RUMOR);
        assertThat(p.choice("role", "auto", "super")).isEqualTo("auto");
    }

    @Test
    void badValues_shouldBeRefusedNamingTheParameterAndWhatIsAllowed() {
        assertThatThrownBy(() -> given("n", "11").intValue("n", 1, 10))
                .hasMessage("parameter 'n' of protocol demo must be in [1, 10], got 11");
        assertThatThrownBy(() -> given("n", "x").intValue("n", 1, 10))
                .hasMessage("parameter 'n' of protocol demo must be an integer, got 'x'");
        assertThatThrownBy(() -> given("c", "x").decimal("c", 1, 100))
                .hasMessage("parameter 'c' of protocol demo must be a number, got 'x'");
        assertThatThrownBy(() -> given("c", "0.5").decimal("c", 1, 100))
                .hasMessage("parameter 'c' of protocol demo must be in [1, 100], got 0.5");
        assertThatThrownBy(() -> given("c", "NaN").decimal("c", 1, 100))
                .hasMessage("parameter 'c' of protocol demo must be in [1, 100], got NaN");
        assertThatThrownBy(() -> given("mode", "push").choice("mode", Mode.class))
                .hasMessage("parameter 'mode' of protocol demo must be rumor or fanout, got 'push'");
        assertThatThrownBy(() -> given("role", "Auto").choice("role", "auto", "super", "leaf"))
                .hasMessage("parameter 'role' of protocol demo must be auto, super or leaf, got 'Auto'");
        assertThatThrownBy(() -> given("on", "yes").bool("on"))
                .hasMessage("parameter 'on' of protocol demo must be true or false, got 'yes'");
        assertThatThrownBy(() -> ProtocolParams.requireRange("demo", "c", 0.25, 0.5, 1.5))
                .hasMessage("parameter 'c' of protocol demo must be in [0.5, 1.5], got 0.25");
    }

    @Test
    void everyRegisteredProtocol_shouldReadItsOwnDefaultsBack() {
        for (String name : Protocols.names()) {
            OverlayProtocol p = Protocols.get(name);
            assertThat(p.params(Map.of()).asMap()).as(name).isEqualTo(p.defaults());
            assertThat(p.params(p.defaults()).asMap()).as(name).isEqualTo(p.defaults());
        }
    }
}
