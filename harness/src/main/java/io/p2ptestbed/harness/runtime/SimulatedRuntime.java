package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.time.VirtualScheduler;
import io.p2ptestbed.overlay.transport.sim.LatencyModel;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** All nodes in this JVM on one virtual-time event loop: deterministic for a given seed. */
public final class SimulatedRuntime extends LocalRuntime {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final SimNetwork network;

    public SimulatedRuntime(Scenario scenario) {
        super(scenario);
        this.network = new SimNetwork(scheduler, seeds.stream("network"),
                LatencyModel.uniform(scenario.minLatencyMillis(), scenario.maxLatencyMillis()), scenario.lossRate());
    }

    public SimNetwork network() {
        return network;
    }

    public VirtualScheduler scheduler() {
        return scheduler;
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.SIMULATED;
    }

    @Override
    protected Wiring wire(NodeAddress address) {
        return new Wiring(network.open(address), scheduler);
    }

    @Override
    protected <T> List<T> awaitAll(List<CompletableFuture<T>> futures, long timeoutMillis) {
        int[] remaining = {futures.size()};
        futures.forEach(f -> f.whenComplete((v, e) -> remaining[0]--));
        scheduler.runUntil(() -> remaining[0] == 0, scheduler.nowMillis() + timeoutMillis);
        List<T> out = new ArrayList<>(futures.size());
        for (CompletableFuture<T> f : futures) {
            out.add(f.isDone() && !f.isCompletedExceptionally() ? f.join() : null);
        }
        return out;
    }

    @Override
    protected <T> T onNodeThread(KademliaNode node, Supplier<T> call) {
        return call.get();
    }

    @Override
    public long nowMillis() {
        return scheduler.nowMillis();
    }

    @Override
    public void advance(long millis) {
        scheduler.advance(millis);
    }

    @Override
    public void close() {
        nodes.stream().filter(LocalNode::alive).forEach(n -> n.node().stop());
    }
}
