package io.p2ptestbed.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
            List<NodeHandle> killed = Churn.killFraction(rt, 0.5, new SplittableRandom(3));
            // 4 units of 25; the first holds the bootstrap nodes: 2 of the other 3 die whole, 50 nodes
            assertThat(killed).hasSize(50);
            assertThat(rt.unitsKilled).hasSize(2).allSatisfy(u -> assertThat(u).hasSize(25));
            assertThat(killed).allSatisfy(n -> assertThat(n.index()).isGreaterThanOrEqualTo(25));
            assertThat(rt.unitsKilled.stream().map(u -> u.get(0).index() / 25).distinct()).hasSize(2);
            assertThat(sim.liveNodes()).hasSize(50);
        }
    }

    /** A runtime whose nodes share processes of {@code size} nodes, as containers of several nodes on docker. */
    private static final class Grouped implements NetworkRuntime {
        private final SimulatedRuntime rt;
        private final int size;
        final List<List<NodeHandle>> unitsKilled = new ArrayList<>();

        Grouped(SimulatedRuntime rt, int size) {
            this.rt = rt;
            this.size = size;
        }

        @Override
        public List<List<NodeHandle>> failureUnits() {
            List<List<NodeHandle>> units = new ArrayList<>();
            for (NodeHandle n : rt.liveNodes()) {
                int u = n.index() / size;
                while (units.size() <= u) {
                    units.add(new ArrayList<>());
                }
                units.get(u).add(n);
            }
            units.removeIf(List::isEmpty);
            return units;
        }

        @Override
        public void killUnit(List<NodeHandle> unit) {
            unitsKilled.add(unit);
            unit.forEach(rt::kill);
        }

        @Override
        public RuntimeKind kind() {
            return rt.kind();
        }

        @Override
        public Scenario scenario() {
            return rt.scenario();
        }

        @Override
        public void start() {
            rt.start();
        }

        @Override
        public List<? extends NodeHandle> nodes() {
            return rt.nodes();
        }

        @Override
        public long nowMillis() {
            return rt.nowMillis();
        }

        @Override
        public void advance(long millis) {
            rt.advance(millis);
        }

        @Override
        public List<RouteResult> routes(List<RouteRequest> requests) {
            return rt.routes(requests);
        }

        @Override
        public void kill(NodeHandle node) {
            rt.kill(node);
        }

        @Override
        public void restart(NodeHandle node) {
            rt.restart(node);
        }

        @Override
        public NodeHandle join() {
            return rt.join();
        }

        @Override
        public void close() {
            rt.close();
        }
    }
}
