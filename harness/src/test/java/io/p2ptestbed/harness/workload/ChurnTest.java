package io.p2ptestbed.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link Churn#killFraction} by failure units: one node at a time in one JVM (the same victims from the same stream), and
 * whole units where nodes share a process (a container on docker), never a unit holding a bootstrap node.
 */
class ChurnTest {

    @Test
    void inOneJvmEveryNodeIsItsOwnUnit_andTheSameStreamKillsTheSameNodes() {
        List<Integer> first;
        try (SimulatedRuntime rt = new SimulatedRuntime(Scenario.defaults("churn-units", 60).withSeed(5))) {
            rt.start();
            assertThat(rt.failureUnits()).hasSize(60).allSatisfy(u -> assertThat(u).hasSize(1));
            List<NodeHandle> killed = Churn.killFraction(rt, 0.1, new SplittableRandom(9));
            assertThat(killed).hasSize(6).allSatisfy(n -> {
                assertThat(n.index()).isGreaterThanOrEqualTo(rt.scenario().bootstrapNodes());
                assertThat(n.alive()).isFalse();
            });
            assertThat(rt.liveNodes()).hasSize(54);
            first = killed.stream().map(NodeHandle::index).toList();
        }
        try (SimulatedRuntime rt = new SimulatedRuntime(Scenario.defaults("churn-units", 60).withSeed(5))) {
            rt.start();
            assertThat(Churn.killFraction(rt, 0.1, new SplittableRandom(9)).stream().map(NodeHandle::index).toList())
                    .isEqualTo(first);
        }
    }

    @Test
    void groupedNodesDieAsWholeUnits_andTheBootstrapNodesUnitIsSpared() {
        try (SimulatedRuntime sim = new SimulatedRuntime(Scenario.defaults("churn-groups", 100).withSeed(6))) {
            sim.start();
            Grouped rt = new Grouped(sim, 25);
            List<NodeHandle> killed = Churn.killFraction(rt.rt, 0.5, new SplittableRandom(3));
            // 4 units of 25; the first holds the bootstrap nodes: 2 of the other 3 die whole, 50 nodes
            assertThat(killed).hasSize(50);
            assertThat(rt.unitsKilled).hasSize(2).allSatisfy(u -> assertThat(u).hasSize(25));
            assertThat(killed).allSatisfy(n -> assertThat(n.index()).isGreaterThanOrEqualTo(25));
            assertThat(rt.unitsKilled.stream().map(u -> u.get(0).index() / 25).distinct()).hasSize(2);
            assertThat(sim.liveNodes()).hasSize(50);
        }
    }

    /**
     * A runtime whose nodes share processes of {@code size} nodes, as containers of several nodes on docker: the
     * simulated runtime behind a proxy that groups its live nodes by index and records the units it kills.
     */
    private static final class Grouped {
        final List<List<NodeHandle>> unitsKilled = new ArrayList<>();
        final NetworkRuntime rt;

        Grouped(SimulatedRuntime sim, int size) {
            rt = (NetworkRuntime) Proxy.newProxyInstance(NetworkRuntime.class.getClassLoader(), new Class<?>[] {NetworkRuntime.class},
                    (proxy, m, args) -> switch (m.getName()) {
                        case "failureUnits" -> new ArrayList<>(sim.liveNodes().stream()
                                .collect(Collectors.groupingBy(n -> n.index() / size, TreeMap::new, Collectors.toList())).values());
                        case "killUnit" -> {
                            @SuppressWarnings("unchecked")
                            List<NodeHandle> unit = (List<NodeHandle>) args[0];
                            unitsKilled.add(unit);
                            unit.forEach(sim::kill);
                            yield null;
                        }
                        default -> m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : m.invoke(sim, args);
                    });
        }
    }
}
