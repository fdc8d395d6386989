package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void valuesRoundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\u0001é");
        m.put("n", 42L);
        m.put("d", 0.25);
        m.put("b", true);
        m.put("z", null);
        m.put("l", List.of(1L, "x", Map.of()));
        assertThat(Json.parse(Json.write(m))).isEqualTo(m);
        assertThat(Json.parse(" [ -1 , 2.5e3 ] ")).isEqualTo(List.of(-1L, 2500.0));
    }

    @Test
    void malformedInputIsRejectedWithItsOffset() {
        for (String bad : List.of("", "{", "{\"a\":}", "[1,]", "{\"a\":1,\"a\":2}", "tru", "\"\\q\"", "1 2", "{a:1}")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(Json.JsonException.class)
                    .hasMessageContaining("offset");
        }
        assertThatThrownBy(() -> Json.parse("[".repeat(100))).hasMessageContaining("nesting");
        assertThatThrownBy(() -> Json.parseObject("[]")).hasMessageContaining("object");
    }
}
