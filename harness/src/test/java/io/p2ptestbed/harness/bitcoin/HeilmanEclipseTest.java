package io.p2ptestbed.harness.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.harness.scenario.Scenario;
import org.junit.jupiter.api.Test;

class HeilmanEclipseTest {

    private static final Scenario BASE = Scenario.defaults("heilman test", 50).withProtocol("bitcoin").withSeed(77);
    private static final HeilmanEclipse.Setup SETUP = new HeilmanEclipse.Setup(0, 16, 2, 300_000, 600_000, 1_200_000, 5_000, 600_000, 3, 1_000, 0);

    @Test
    void aBotnetEclipsesTheLegacyNodeAndNotTheDefendedOne() {
        HeilmanEclipse.Point legacy = HeilmanEclipse.run(BASE, "none", 400, SETUP);
        HeilmanEclipse.Point defended = HeilmanEclipse.run(BASE, "all", 400, SETUP);
        // bitcoind 0.9.3 took every attacker address into "tried"; the victims' outbound connections follow
        assertThat(legacy.meanTriedShare()).as("%s", legacy).isGreaterThan(0.8);
        assertThat(legacy.meanShare()).as("%s", legacy).isGreaterThan(0.3);
        assertThat(legacy.meanOutbound()).as("%s", legacy).isEqualTo(8);
        // Core keeps inbound peers out of "tried" and the trash out of the way: no attacker address is ever dialled
        assertThat(defended.meanTriedShare()).as("%s", defended).isZero();
        assertThat(defended.meanShare()).as("%s", defended).isZero();
        assertThat(defended.meanOutbound()).as("%s", defended).isEqualTo(10);
    }

    @Test
    void theSameSeedGivesTheSamePoint() {
        assertThat(HeilmanEclipse.run(BASE, "none", 60, SETUP)).isEqualTo(HeilmanEclipse.run(BASE, "none", 60, SETUP));
    }

    @Test
    void anUnknownCountermeasureSetIsNamed() {
        assertThatThrownBy(() -> HeilmanEclipse.configuration("bogus")).hasMessageContaining("known: none, deterministic-buckets");
    }
}
