package io.p2ptestbed.overlay.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round-trip and canonical-form properties of the bencode codec. */
class BencodeRoundTripTest {

    /** Generous limits so that generated values are never rejected for size. */
    private static final BencodeLimits ROOMY = new BencodeLimits(1 << 20, 16, 1 << 16, 1 << 12);

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.longs().map(v -> (Object) v),
                Arbitraries.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE).map(v -> (Object) v),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> (Object) b));
        return Arbitraries.recursive(() -> leaves, this::containers, 0, 4);
    }

    private Arbitrary<Object> containers(Arbitrary<Object> inner) {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(6);
        return Arbitraries.oneOf(
                inner.list().ofMaxSize(5).map(l -> (Object) new ArrayList<>(l)),
                // Decoded dictionaries keep wire order, which is sorted order: generate them that way.
                Arbitraries.maps(keys, inner).ofMaxSize(5).map(m -> (Object) new LinkedHashMap<>(new TreeMap<>(m))));
    }

    @Property(tries = 1000)
    void decodeOfEncode_shouldGiveBackTheValue(@ForAll("values") Object value) {
        byte[] enc = Bencode.encode(value);
        BencodeResult r = Bencode.decode(enc, ROOMY);
        assertThat(r).isInstanceOf(BencodeResult.Ok.class);
        assertThat(((BencodeResult.Ok) r).value()).usingRecursiveComparison().isEqualTo(value);
    }

    @Property(tries = 1000)
    void anyAcceptedInput_shouldBeCanonical(@ForAll("values") Object value) {
        // Strict decoding means the accepted form is the only form: re-encoding reproduces it exactly.
        byte[] enc = Bencode.encode(value);
        Object back = ((BencodeResult.Ok) Bencode.decode(enc, ROOMY)).value();
        assertThat(Bencode.encode(back)).isEqualTo(enc);
    }

    @Property(tries = 300)
    void integers_shouldRoundTripOverTheWholeLongRange(@ForAll long v) {
        assertThat(Bencode.decode(Bencode.encode(v), BencodeLimits.KRPC)).isEqualTo(new BencodeResult.Ok(v));
    }

    @Example
    void dictionaryKeys_shouldComeBackInRawByteOrder() {
        Map<String, Object> m = new TreeMap<>();
        m.put("\u00ff", 1L);
        m.put("\u0080", 2L);
        m.put("\u007f", 3L);
        m.put("", 4L);
        Map<?, ?> back = (Map<?, ?>) ((BencodeResult.Ok) Bencode.decode(Bencode.encode(m), ROOMY)).value();
        assertThat(new ArrayList<>(back.keySet())).isEqualTo(List.of("", "\u007f", "\u0080", "\u00ff"));
    }
}
