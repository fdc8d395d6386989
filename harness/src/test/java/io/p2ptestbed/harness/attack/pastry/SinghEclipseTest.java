package io.p2ptestbed.harness.attack.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.attack.ColluderChoice;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.spi.Protocols;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Eclipse attack of Singh et al. on a small simulated Pastry network: one seed, one run. */
class SinghEclipseTest {

    static List<SinghEclipse.Sample> run(long seed, Map<String, String> params) {
        Scenario s = new Scenario("singh", RuntimeKind.SIMULATED, seed, 60, 3, Protocols.get("pastry").params(params),
                10, 100, 0.0, 5);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            SinghEclipse attack = SinghEclipse.install(rt, ColluderChoice.addresses(s, 0.2));
            rt.start();
            List<SinghEclipse.Sample> out = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                rt.advance(15_000);
                out.add(attack.sample(rt, 0));
            }
            assertThat(attack.contacts()).hasSize(12);
            assertThat(attack.lies()).as("lies told").isPositive();
            return out;
        }
    }

    @Test
    void sameSeedSameCurve_withAndWithoutTheDefence() {
        Map<String, String> audited = Map.of("degreeBound", "16", "audit", "on");
        List<SinghEclipse.Sample> first = run(5, audited);
        assertThat(run(5, audited)).isEqualTo(first);
        assertThat(first.get(first.size() - 1).attackersBanned()).as("attackers banned by honest auditors").isPositive();
        assertThat(run(6, Map.of())).isEqualTo(run(6, Map.of()));
    }
}
