package io.p2ptestbed.overlay.bencode;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BencodeTest {

    private static final BencodeLimits KRPC = BencodeLimits.KRPC;

    private static byte[] b(String latin1) {
        return latin1.getBytes(ISO_8859_1);
    }

    private static Object ok(String input) {
        BencodeResult r = Bencode.decode(b(input), KRPC);
        assertThat(r).as("decode of %s", input).isInstanceOf(BencodeResult.Ok.class);
        return ((BencodeResult.Ok) r).value();
    }

    private static BencodeResult.Malformed malformed(byte[] input, BencodeLimits limits) {
        BencodeResult r = Bencode.decode(input, limits);
        assertThat(r).as("decode of %s", new String(input, ISO_8859_1)).isInstanceOf(BencodeResult.Malformed.class);
        return (BencodeResult.Malformed) r;
    }

    private static BencodeResult.Malformed malformed(String input) {
        return malformed(b(input), KRPC);
    }

    // ------------------------------------------------------------------ well-formed values

    @Test
    void decode_shouldReadEachTypeFromBep3() {
        assertThat(ok("i42e")).isEqualTo(42L);
        assertThat(ok("i-42e")).isEqualTo(-42L);
        assertThat(ok("i0e")).isEqualTo(0L);
        assertThat((byte[]) ok("4:spam")).isEqualTo(b("spam"));
        assertThat((byte[]) ok("0:")).isEmpty();
        assertThat(ok("le")).isEqualTo(List.of());
        assertThat(ok("de")).isEqualTo(Map.of());
        List<?> list = (List<?>) ok("l4:spami42ee");
        assertThat((byte[]) list.get(0)).isEqualTo(b("spam"));
        assertThat(list.get(1)).isEqualTo(42L);
        Map<?, ?> dict = (Map<?, ?>) ok("d3:bar4:spam3:fooi42ee");
        assertThat(dict.keySet().stream().map(Object::toString).toList()).containsExactly("bar", "foo");
        assertThat((byte[]) dict.get("bar")).isEqualTo(b("spam"));
        assertThat(dict.get("foo")).isEqualTo(42L);
    }

    @Test
    void decode_shouldKeepArbitraryBinaryInStringsAndKeys() {
        byte[] input = {'d', '1', ':', (byte) 0xFF, '2', ':', 0, (byte) 0x80, 'e'};
        Map<?, ?> m = (Map<?, ?>) ((BencodeResult.Ok) Bencode.decode(input, KRPC)).value();
        assertThat(m.keySet().stream().map(Object::toString).toList()).containsExactly("\u00FF");
        assertThat((byte[]) m.get("\u00FF")).containsExactly(0, 0x80);
        assertThat(Bencode.encode(m)).isEqualTo(input);
    }

    @Test
    void decode_shouldCompareKeysAsUnsignedBytes() {
        // 0x7F sorts before 0x80 in raw byte order (a signed comparison would say the opposite).
        assertThat(Bencode.decode(new byte[] {'d', '1', ':', 0x7F, 'i', '1', 'e', '1', ':', (byte) 0x80, 'i', '2', 'e', 'e'}, KRPC))
                .isInstanceOf(BencodeResult.Ok.class);
        assertThat(Bencode.decode(new byte[] {'d', '1', ':', (byte) 0x80, 'i', '1', 'e', '1', ':', 0x7F, 'i', '2', 'e', 'e'}, KRPC))
                .isInstanceOf(BencodeResult.Malformed.class);
        // A key that is a prefix of another sorts first.
        assertThat(ok("d1:ai1e2:aai2ee")).isInstanceOf(Map.class);
        malformed("d2:aai1e1:ai2ee");
    }

    @Test
    void integers_shouldRoundTripAtTheEdgesOfTheLongRange() {
        for (long v : new long[] {0, 1, -1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE,
                Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
            byte[] enc = Bencode.encode(v);
            assertThat(enc).isEqualTo(b("i" + v + "e"));
            assertThat(Bencode.decode(enc, KRPC)).as("decode of %d", v).isEqualTo(new BencodeResult.Ok(v));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"i9223372036854775808e", "i-9223372036854775809e", "i99999999999999999999999e",
            "i18446744073709551616e"})
    void decode_shouldRejectIntegersThatOverflow64Bits(String input) {
        assertThat(malformed(input).reason()).contains("overflow");
    }

    @Test
    void decode_shouldRejectStringLengthsThatOverflowWithoutAllocating() {
        assertThat(malformed("99999999999999999999:x").reason()).contains("overflow");
        assertThat(malformed("9999999999:x").reason()).contains("exceeds limit");
    }

    @Test
    void encode_shouldSortKeysAndWriteStringsAsUtf8() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zeta", 1);
        m.put("alpha", List.of("h\u00E9", 2L));
        m.put("mid", b("raw"));
        assertThat(new String(Bencode.encode(m), ISO_8859_1))
                .isEqualTo("d5:alphal3:h\u00C3\u00A9i2ee3:mid3:raw4:zetai1ee");
    }

    @Test
    void encode_shouldRejectUnsupportedTypes() {
        assertThatThrownBy(() -> Bencode.encode(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bencode.encode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writer_shouldProduceTheSameBytesAsTheGeneralEncoder() {
        byte[] viaWriter = new BencodeWriter().dict()
                .key("a").dict().key("id").string(b("abcdefghij0123456789")).end()
                .key("n").integer(-7)
                .key("q").string("ping")
                .key("t").string(new byte[] {0, 1, 2}, 1, 2)
                .key("z").list().integer(Long.MIN_VALUE).string("x").end()
                .end().toByteArray();
        Map<String, Object> m = new TreeMap<>();
        m.put("a", Map.of("id", b("abcdefghij0123456789")));
        m.put("n", -7L);
        m.put("q", "ping");
        m.put("t", new byte[] {1, 2});
        m.put("z", List.of(Long.MIN_VALUE, "x"));
        assertThat(viaWriter).isEqualTo(Bencode.encode(m));
    }

    @Test
    void writer_shouldGrowPastItsInitialBuffer() {
        byte[] big = new byte[5000];
        byte[] out = new BencodeWriter().list().string(big).string(big).end().toByteArray();
        assertThat(out).hasSize(2 + 2 * (5 + 5000));
        BencodeLimits roomy = new BencodeLimits(20_000, 4, 5000, 4);
        assertThat(Bencode.decode(out, roomy)).isInstanceOf(BencodeResult.Ok.class);
    }

    // ------------------------------------------------------------------ malformed classes

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "i03e       | leading zero",
            "i00e       | leading zero",
            "i-03e      | leading zero",
            "03:abc     | leading zero",
            "00:        | leading zero",
            "i-0e       | negative zero",
            "-1:a       | unexpected byte",
            "ie         | missing digits",
            "i-e        | missing digits",
            "i+1e       | missing digits",
            "i1.5e      | expected 'e'",
            "i 1e       | missing digits",
            "1a:x       | expected ':'",
            ":abc       | unexpected byte",
            "x          | unexpected byte"})
    void decode_shouldRejectNonCanonicalNumbers(String input, String reason) {
        assertThat(malformed(input.strip()).reason()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "d1:bi1e1:ai2ee  | not strictly sorted",
            "d1:ai1e1:ai2ee  | not strictly sorted",
            "d2:abi1e2:aai2ee| not strictly sorted",
            "di1ei2ee        | key is not a string",
            "dlei2ee         | key is not a string"})
    void decode_shouldRejectUnsortedDuplicateAndNonStringKeys(String input, String reason) {
        assertThat(malformed(input.strip()).reason()).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "i", "i12", "i-", "l", "li1e", "d", "d1:a", "d1:ai1e", "5:abc", "3:", "10", "d3:foo"})
    void decode_shouldRejectTruncatedInput(String input) {
        malformed(input);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"i1ei2e | 3 trailing bytes", "lee | 1 trailing bytes", "4:spamx | 1 trailing bytes",
            "dee | 1 trailing bytes"})
    void decode_shouldRejectTrailingBytes(String input, String reason) {
        BencodeResult.Malformed m = malformed(input.strip());
        assertThat(m.reason()).isEqualTo(reason.strip());
        assertThat(m.offset()).isEqualTo(input.strip().length() - Integer.parseInt(reason.strip().split(" ")[0]));
    }

    @Test
    void decode_shouldRejectAStringLongerThanTheRemainingInput() {
        assertThat(malformed("5:spam").reason()).contains("runs past end");
        assertThat(malformed("l4000:abce").reason()).contains("runs past end");
    }

    @Test
    void decode_shouldEnforceTheStringLengthLimit() {
        int max = KRPC.maxStringBytes();
        assertThat(Bencode.decode(Bencode.encode(new byte[max]), KRPC)).isInstanceOf(BencodeResult.Ok.class);
        assertThat(malformed(Bencode.encode(new byte[max + 1]), KRPC).reason()).contains("exceeds limit");
    }

    @Test
    void decode_shouldEnforceTheNestingDepthLimit() {
        int max = KRPC.maxDepth();
        String atLimit = "l".repeat(max) + "e".repeat(max);
        assertThat(ok(atLimit)).isInstanceOf(List.class);
        String tooDeep = "l".repeat(max + 1) + "e".repeat(max + 1);
        assertThat(malformed(tooDeep).reason()).contains("nesting deeper than " + max);
        String dictsTooDeep = "d1:a".repeat(max) + "de" + "e".repeat(max);
        assertThat(malformed(dictsTooDeep).reason()).contains("nesting");
    }

    @Test
    void decode_shouldNotOverflowTheStackOnPathologicalNesting() {
        byte[] input = b("l".repeat(5000));
        assertThat(malformed(input, KRPC).reason()).contains("nesting");
    }

    @Test
    void decode_shouldEnforceTheItemLimitForListsAndDictionaries() {
        int max = KRPC.maxItems();
        assertThat(ok("l" + "i0e".repeat(max) + "e")).asList().hasSize(max);
        assertThat(malformed("l" + "i0e".repeat(max + 1) + "e").reason()).contains("list longer than " + max);
        StringBuilder dict = new StringBuilder("d");
        for (int i = 0; i <= max; i++) {
            dict.append("4:").append(String.format("%04d", i)).append("i0e");
        }
        dict.append('e');
        assertThat(malformed(dict.toString()).reason()).contains("dictionary larger than " + max);
        String fits = dict.substring(0, dict.length() - 1 - "4:0512i0e".length()) + "e";
        assertThat((Map<?, ?>) ok(fits)).hasSize(max);
    }

    @Test
    void decode_shouldEnforceTheDatagramSizeLimitBeforeParsing() {
        int max = KRPC.maxInputBytes();
        // l 2700:... 2700:... 2775:... e  =  1 + 2705 + 2705 + 2780 + 1  =  8192 bytes exactly.
        byte[] exact = Bencode.encode(List.of(new byte[2700], new byte[2700], new byte[2775]));
        assertThat(exact).hasSize(max);
        assertThat(Bencode.decode(exact, KRPC)).isInstanceOf(BencodeResult.Ok.class);
        byte[] oneMore = Bencode.encode(List.of(new byte[2700], new byte[2700], new byte[2776]));
        BencodeResult.Malformed m = malformed(oneMore, KRPC);
        assertThat(m.reason()).contains("exceeds limit").contains(Integer.toString(max));
        assertThat(m.offset()).isZero();
    }

    @Test
    void decode_shouldTreatNullAsMalformed() {
        assertThat(Bencode.decode(null, KRPC)).isInstanceOf(BencodeResult.Malformed.class);
    }

    @Test
    void limits_shouldRejectNonPositiveBounds() {
        assertThatThrownBy(() -> new BencodeLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BencodeLimits(1, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BencodeLimits(1, 1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BencodeLimits(1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformed_shouldDescribeTheOffset() {
        BencodeResult.Malformed m = malformed("l4:spami03ee");
        assertThat(m.offset()).isBetween(7, 10);
        assertThat(m.toString()).startsWith("malformed bencode at byte " + m.offset());
    }
}
