package io.p2ptestbed.harness.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.p2ptestbed.harness.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small, quick shapes (12 honest nodes, 30 ids, a short history); the paper-sized runs are features (@slow). */
class MarcusEclipseTest {

    private static final Scenario BASE = Scenario.defaults("marcus test", 12).withProtocol("ethereum").withSeed(77)
            .withParams(Map.of("revalidateMillis", "60000"));
    private static final MarcusEclipse.Setup QUICK = new MarcusEclipse.Setup(2, 30_000, 60_000, 60_000, 1_000, 20_000, 2);

    @Test
    void inboundConnectionsEclipseGeth17AndTheDialRatioStopsThem() {
        MarcusEclipse.Point legacy = MarcusEclipse.run(BASE, "none", 30, QUICK);
        MarcusEclipse.Point ratio = MarcusEclipse.run(BASE, "dial-ratio", 30, QUICK);
        // geth 1.7: inbound connections fill all 25 slots before the restarted victim dials anyone; the attacker's ids
        // take most of them (honest peers that reconnect within the first milliseconds keep theirs)
        assertThat(legacy.meanPeers()).as("%s", legacy).isEqualTo(25);
        assertThat(legacy.meanShare()).as("%s", legacy).isGreaterThanOrEqualTo(0.8);
        // dialRatio 3: inbound connections take at most 17 slots; the victim dials with the other 8
        assertThat(ratio.eclipsed()).as("%s", ratio).isZero();
        // with its 17 inbound slots held, the victim still dials all 8 of its dial slots (geth's needDynDials ignores
        // the inbound peers; a bug counted the dialled peers twice and stopped it at 4 dialled, 21 peers)
        assertThat(ratio.meanPeers()).as("%s", ratio).isEqualTo(25);
        assertThat(ratio.meanShare()).as("%s", ratio).isLessThan(1.0);
    }

    @Test
    void theSameSeedGivesTheSamePoint() {
        MarcusEclipse.Setup one = new MarcusEclipse.Setup(2, 30_000, 60_000, 60_000, 1_000, 20_000, 1);
        Scenario small = BASE.withNodes(8);
        assertThat(MarcusEclipse.run(small, "all", 20, one)).isEqualTo(MarcusEclipse.run(small, "all", 20, one));
    }

    @Test
    void pointsOfSeveralSeedsPoolTheirVictims() {
        MarcusEclipse.Point a = new MarcusEclipse.Point("all", 100, 2, 8, 0.9, 0.6, 1, 25, 0.4, 1);
        MarcusEclipse.Point b = new MarcusEclipse.Point("all", 100, 2, 8, 0.8, 0.4, 0, 23, 0.2, 1);
        MarcusEclipse.Point p = MarcusEclipse.Point.pool(List.of(a, b));
        assertThat(p.victims()).isEqualTo(16);
        assertThat(p.eclipsed()).isEqualTo(1);
        assertThat(p.seeds()).isEqualTo(2);
        assertThat(p.eclipseRate()).isEqualTo(1.0 / 16);
        assertThat(p.meanShare()).isCloseTo(0.85, within(1e-12));
        assertThat(p.meanPeers()).isCloseTo(24, within(1e-12));
        double[] ci = p.eclipseInterval(0.95);
        // Clopper-Pearson for 1 of 16: [0.0016, 0.3023]
        assertThat(ci[0]).isCloseTo(0.0016, within(1e-4));
        assertThat(ci[1]).isCloseTo(0.3023, within(1e-4));
        assertThatThrownBy(() -> MarcusEclipse.Point.pool(List.of(a, new MarcusEclipse.Point("none", 100, 2, 8, 1, 0, 8, 25, 0.8, 1))))
                .hasMessageContaining("must share set, ids and IP addresses");
        assertThatThrownBy(() -> MarcusEclipse.Point.pool(List.of())).hasMessageContaining("no points");
    }

    @Test
    void anUnknownCountermeasureSetIsNamed() {
        assertThatThrownBy(() -> MarcusEclipse.configuration("bogus")).hasMessageContaining("known: none, dial-ratio");
    }
}
