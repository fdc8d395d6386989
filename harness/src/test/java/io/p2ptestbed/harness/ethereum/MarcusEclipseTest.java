package io.p2ptestbed.harness.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.harness.scenario.Scenario;
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
        assertThat(ratio.meanShare()).as("%s", ratio).isLessThan(1.0);
    }

    @Test
    void theSameSeedGivesTheSamePoint() {
        MarcusEclipse.Setup one = new MarcusEclipse.Setup(2, 30_000, 60_000, 60_000, 1_000, 20_000, 1);
        Scenario small = BASE.withNodes(8);
        assertThat(MarcusEclipse.run(small, "all", 20, one)).isEqualTo(MarcusEclipse.run(small, "all", 20, one));
    }

    @Test
    void anUnknownCountermeasureSetIsNamed() {
        assertThatThrownBy(() -> MarcusEclipse.configuration("bogus")).hasMessageContaining("known: none, dial-ratio");
    }
}
