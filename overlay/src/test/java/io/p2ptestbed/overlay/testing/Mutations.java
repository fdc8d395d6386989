package io.p2ptestbed.overlay.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Structured corruptions of valid datagrams: bit flips, truncation, splices of two datagrams,
 * corrupted length and integer fields, inserted and deleted bytes. Positions are drawn as plain
 * non-negative ints and reduced modulo the input length, so every mutation applies to any input.
 */
public final class Mutations {

    private Mutations() {}

    /** One corruption of a datagram. */
    public sealed interface Mutation {
        byte[] apply(byte[] in);
    }

    public record BitFlip(int position, int bit) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[position % in.length] ^= (byte) (1 << (bit & 7));
            return out;
        }
    }

    public record Truncate(int keep) implements Mutation {
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, in.length == 0 ? 0 : keep % in.length);
        }
    }

    /** The head of this datagram followed by the tail of another one. */
    public record Splice(byte[] other, int cutHere, int cutThere) implements Mutation {
        public byte[] apply(byte[] in) {
            int a = in.length == 0 ? 0 : cutHere % (in.length + 1);
            int b = other.length == 0 ? 0 : cutThere % (other.length + 1);
            byte[] out = Arrays.copyOf(in, a + other.length - b);
            System.arraycopy(other, b, out, a, other.length - b);
            return out;
        }

        @Override
        public String toString() {
            return "Splice[other=" + new String(other, StandardCharsets.ISO_8859_1) + ", cutHere=" + cutHere
                    + ", cutThere=" + cutThere + "]";
        }
    }

    /** Replaces one number (a string length before ':' or an integer inside i...e) with {@code replacement}. */
    public record NumberField(int which, String replacement) implements Mutation {
        public byte[] apply(byte[] in) {
            List<int[]> runs = numberRuns(in);
            if (runs.isEmpty()) {
                return in;
            }
            int[] run = runs.get(which % runs.size());
            byte[] rep = replacement.getBytes(StandardCharsets.ISO_8859_1);
            byte[] out = new byte[in.length - (run[1] - run[0]) + rep.length];
            System.arraycopy(in, 0, out, 0, run[0]);
            System.arraycopy(rep, 0, out, run[0], rep.length);
            System.arraycopy(in, run[1], out, run[0] + rep.length, in.length - run[1]);
            return out;
        }
    }

    public record Insert(int position, byte[] bytes) implements Mutation {
        public byte[] apply(byte[] in) {
            int p = position % (in.length + 1);
            byte[] out = new byte[in.length + bytes.length];
            System.arraycopy(in, 0, out, 0, p);
            System.arraycopy(bytes, 0, out, p, bytes.length);
            System.arraycopy(in, p, out, p + bytes.length, in.length - p);
            return out;
        }
    }

    public record Delete(int position, int count) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int p = position % in.length;
            int n = Math.min(count, in.length - p);
            byte[] out = new byte[in.length - n];
            System.arraycopy(in, 0, out, 0, p);
            System.arraycopy(in, p + n, out, p, in.length - p - n);
            return out;
        }
    }

    /** Spans [start, end) of maximal runs of '-' and digits that precede ':' or 'e'. */
    static List<int[]> numberRuns(byte[] in) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < in.length) {
            if ((in[i] >= '0' && in[i] <= '9') || in[i] == '-') {
                int start = i;
                while (i < in.length && ((in[i] >= '0' && in[i] <= '9') || in[i] == '-')) {
                    i++;
                }
                if (i < in.length && (in[i] == ':' || in[i] == 'e')) {
                    runs.add(new int[] {start, i});
                }
            } else {
                i++;
            }
        }
        return runs;
    }

    private static final Arbitrary<Integer> POS = Arbitraries.integers().greaterOrEqual(0);

    public static Arbitrary<Mutation> mutations(Arbitrary<byte[]> others) {
        Arbitrary<String> numbers = Arbitraries.oneOf(
                Arbitraries.of("0", "1", "-1", "-0", "00", "01", "", "-", "99999999999999999999", "9223372036854775808",
                        "4097", "8193", "2147483648", "26", "25", "27", "20", "19", "21", "6", "5", "7"),
                Arbitraries.integers().between(-100, 10_000).map(String::valueOf));
        return Arbitraries.oneOf(
                Combinators.combine(POS, Arbitraries.integers().between(0, 7)).as(BitFlip::new),
                POS.map(Truncate::new),
                Combinators.combine(others, POS, POS).as(Splice::new),
                Combinators.combine(POS, numbers).as(NumberField::new),
                Combinators.combine(POS, Arbitraries.oneOf(
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8),
                        Arbitraries.of("e", "d", "l", "i", ":", "0:", "de", "le", "i1e", "1:q", "1:y1:q")
                                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1)))).as(Insert::new),
                Combinators.combine(POS, Arbitraries.integers().between(1, 30)).as(Delete::new));
    }

    /** Valid datagrams with one to four corruptions applied. */
    public static Arbitrary<byte[]> mutatedDatagrams() {
        Arbitrary<byte[]> valid = KrpcArbitraries.validDatagrams();
        return Combinators.combine(valid, mutations(valid).list().ofMinSize(1).ofMaxSize(4)).as((base, ms) -> {
            byte[] out = base;
            for (Mutation m : ms) {
                out = m.apply(out);
            }
            return out;
        });
    }

    /** Random bytes drawn mostly from bencode's alphabet, so that the decoder gets past the first byte. */
    public static Arbitrary<byte[]> bencodeSoup() {
        List<Byte> symbols = new ArrayList<>();
        for (byte b : "dlie0123456789:-".getBytes(StandardCharsets.ISO_8859_1)) {
            symbols.add(b);
        }
        Arbitrary<Byte> alphabet = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(symbols)), net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
        return alphabet.array(byte[].class).ofMaxSize(300);
    }

    /** Uniformly random bytes, from empty to past the 8 KiB datagram limit. */
    public static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.bytes().array(byte[].class).ofMinSize(8000).ofMaxSize(8400));
    }
}
