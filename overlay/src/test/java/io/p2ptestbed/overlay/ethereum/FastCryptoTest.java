package io.p2ptestbed.overlay.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.time.Clock;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.junit.jupiter.api.Test;

/** The generator table gives BouncyCastle's points; the simulation's recovery table gives what recovery gives. */
class FastCryptoTest {

    private static ECPoint comb(BigInteger k) {
        return new FixedPointCombMultiplier().multiply(NodeKey.CURVE.getG(), k).normalize();
    }

    @Test
    void generatorTableMatchesTheCombAtTheEdges() {
        BigInteger n = NodeKey.N;
        for (BigInteger k : new BigInteger[] {BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(255), BigInteger.valueOf(256),
                BigInteger.valueOf(257), BigInteger.ONE.shiftLeft(248), BigInteger.ONE.shiftLeft(255), n.subtract(BigInteger.ONE),
                n.subtract(BigInteger.TWO), n.shiftRight(1), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).mod(n)}) {
            assertThat(NodeKey.timesG(k)).as("k = %s", k.toString(16)).isEqualTo(comb(k));
        }
        assertThatThrownBy(() -> NodeKey.timesG(BigInteger.ZERO)).hasMessageContaining("k in [1, n-1]");
    }

    @Property(tries = 300)
    void generatorTableMatchesTheCombForAnyScalar(@ForAll long seed) {
        BigInteger k = new BigInteger(1, bytes(new SplittableRandom(seed), 32)).mod(NodeKey.N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        assertThat(NodeKey.timesG(k)).isEqualTo(comb(k));
    }

    @Property(tries = 100)
    void aRecordedSignatureRecoversItsSignerAndAnAlteredOneIsRecoveredInFull(@ForAll long seed, @ForAll byte flip) {
        SplittableRandom r = new SplittableRandom(seed);
        Recoveries table = Recoveries.forClock(new VirtualScheduler());
        NodeKey k = NodeKey.generate(r).withRecoveries(table);
        byte[] h = bytes(r, 32);
        long hits = table.hits();
        byte[] sig = k.sign(h);
        assertThat(table.recover(h, sig, 0)).isEqualTo(k.id()).isEqualTo(NodeKey.recover(h, sig, 0));
        assertThat(table.hits()).isGreaterThan(hits);
        // the same signature inside a packet, at an offset
        byte[] packet = new byte[100];
        System.arraycopy(sig, 0, packet, 20, 65);
        assertThat(table.recover(h, packet, 20)).isEqualTo(k.id());
        // another hash, or one byte of the signature changed: what recovery gives, or its refusal
        byte[] h2 = h.clone();
        h2[r.nextInt(32)] ^= (byte) (flip == 0 ? 1 : flip);
        assertThat(outcome(table, h2, sig)).isEqualTo(outcome(Recoveries.NONE, h2, sig)).isNotEqualTo(Arrays.toString(k.id()));
        byte[] bad = sig.clone();
        bad[r.nextInt(64)] ^= (byte) (flip == 0 ? 1 : flip);
        assertThat(outcome(table, h, bad)).isEqualTo(outcome(Recoveries.NONE, h, bad)).isNotEqualTo(Arrays.toString(k.id()));
    }

    @Test
    void onlyVirtualTimeGetsATable() {
        Clock virtual = () -> 0;
        Clock wall = new Clock() {
            @Override
            public long nowMillis() {
                return 0;
            }

            @Override
            public long unixMillisAtZero() {
                return 1_800_000_000_000L;
            }
        };
        assertThat(Recoveries.forClock(virtual)).isNotSameAs(Recoveries.NONE);
        assertThat(Recoveries.forClock(wall)).isSameAs(Recoveries.NONE);
        NodeKey k = NodeKey.generate(new SplittableRandom(5));
        assertThat(k.recoveries()).isSameAs(Recoveries.NONE);
        byte[] h = new byte[32];
        byte[] sig = k.sign(h);
        long computed = Recoveries.NONE.misses() + Recoveries.NONE.hits();
        assertThat(Recoveries.NONE.recover(h, sig, 0)).isEqualTo(k.id());
        assertThat(Recoveries.NONE.misses() + Recoveries.NONE.hits()).as("no table: nothing looked up").isEqualTo(computed);
    }

    private static String outcome(Recoveries t, byte[] h, byte[] sig) {
        try {
            return Arrays.toString(t.recover(h, sig, 0));
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
