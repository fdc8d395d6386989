package io.p2ptestbed.harness.kademlia.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollusionSweepTest {

    private static Scenario network(int nodes, long seed) {
        Scenario s = Scenario.defaults("collusion", nodes).withSeed(seed);
        return KademliaScenarios.withConfig(s, KademliaScenarios.config(s).withK(16).withAlpha(3));
    }

    private static List<CollusionSweep.Point> sweep(Scenario s, ColluderStrategy strategy, boolean fromStart, List<Double> fractions,
                                                   int lookups) {
        return CollusionSweep.run(s, new CollusionSweep.Settings(fractions,
                List.of(new LookupMode.Disjoint(1, 1), new LookupMode.Disjoint(4, 1)), strategy, fromStart, lookups), p -> {});
    }

    @Test
    void everyStrategyLiesAtThirtyPercentFromTheStart() {
        Scenario s = network(100, 3);
        for (ColluderStrategy st : ColluderStrategy.values()) {
            List<CollusionSweep.Point> ps = sweep(s, st, true, List.of(0.3), 10);
            assertThat(ps).allSatisfy(p -> {
                assertThat(p.lies()).as("%s: replies rewritten or dropped", p).isPositive();
                assertThat(p.adversaryFraction()).isEqualTo(0.3);
                assertThat(p.colluderTableShare()).as("colluders sit in honest tables: %s", p).isBetween(0.1, 0.9);
            });
        }
    }

    @Test
    void sameSeedSameCurveAndWithoutColludersEveryLookupSucceeds() {
        Scenario s = network(200, 4);
        List<CollusionSweep.Point> a = sweep(s, ColluderStrategy.FRESH_COLLUDERS, false, List.of(0.0, 0.3), 50);
        List<CollusionSweep.Point> b = sweep(s, ColluderStrategy.FRESH_COLLUDERS, false, List.of(0.0, 0.3), 50);
        assertThat(a.toString()).isEqualTo(b.toString());
        assertThat(a).filteredOn(p -> p.adversaryFraction() == 0).hasSize(2)
                .allSatisfy(p -> assertThat(p.lookupSuccess()).as("%s", p).isEqualTo(1.0));
        assertThat(a).filteredOn(p -> p.adversaryFraction() > 0).allSatisfy(p -> assertThat(p.lies()).isPositive());
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new CollusionSweep.Settings(List.of(0.3, 0.1), List.of(new LookupMode.Disjoint(2, 1)),
                ColluderStrategy.FRESH_COLLUDERS, true, 10)).hasMessageContaining("must ascend");
        assertThatThrownBy(() -> new CollusionSweep.Settings(List.of(0.1), List.of(), ColluderStrategy.DROP, true, 10))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> ColluderStrategy.parse("lie a lot")).hasMessageContaining("answer with fresh colluders for every query");
    }
}
