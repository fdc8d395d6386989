package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.adversary.kademlia.dos.Flood;
import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.adversary.kademlia.dos.FloodPlan;
import io.p2ptestbed.adversary.kademlia.dos.FloodStats;
import io.p2ptestbed.adversary.kademlia.dos.QueryMix;
import io.p2ptestbed.adversary.kademlia.dos.QueryType;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.harness.attack.AttackLab;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A bounded request flood against one node, with honest clients querying the same node over the same
 * window, so the effect on honest service is measured where it happens. The flood's bounds (rate,
 * count, duration) are mandatory and enforced by the adversary's {@link Flood}.
 */
public final class FloodRun {

    /** Flood and honest service over the same window. */
    public record Outcome(FloodStats flood, HonestLoad.Report honest) {}

    private FloodRun() {}

    /**
     * A flood of {@code type} queries from {@code sources} addresses of {@link FloodPlan#FLOOD_POOL} (each
     * claiming one id), bounded by rate and duration. The sources use the lab port ({@link Addresses#PORT}),
     * so two runs on one machine with their own {@code TESTBED_LAB_PORT} never bind the same socket.
     */
    public static FloodPlan plan(NodeHandle target, QueryType type, int perSecond, long durationMillis, int sources) {
        return FloodPlan.of(target.address(), QueryMix.only(type), FloodBounds.of(perSecond, durationMillis))
                .withSources(new AddressPlan.Spread(List.of(FloodPlan.FLOOD_POOL), Addresses.PORT), sources);
    }

    /**
     * Runs the flood and, when {@code honestPerSecond > 0}, the honest load alongside it (same start, same
     * duration), and waits until both are over (flood sockets closed, every honest query settled).
     */
    public static Outcome run(AttackLab lab, FloodPlan plan, NodeHandle target, List<? extends NodeHandle> clients,
                              int honestPerSecond, RandomGenerator rng) {
        Flood flood = Flood.prepare(plan, lab.context());
        long duration = plan.bounds().durationMillis();
        CompletableFuture<HonestLoad.Report> honest = honestPerSecond > 0
                ? lab.onAttackThread(() -> HonestLoad.run(lab.scheduler(), target, clients, honestPerSecond, duration, rng))
                : CompletableFuture.completedFuture(null);
        flood.start();
        long bound = duration + 60_000;
        FloodStats stats = lab.await(flood.completion(), bound);
        HonestLoad.Report report = lab.await(honest, bound);
        if (stats == null) {
            flood.stop();
            throw new IllegalStateException("the flood did not finish within " + bound + " ms");
        }
        return new Outcome(stats, report);
    }

    /** Honest load alone (no flood), e.g. to measure the service ratio before an attack. */
    public static HonestLoad.Report honestOnly(AttackLab lab, NodeHandle target, List<? extends NodeHandle> clients,
                                               int perSecond, long durationMillis, RandomGenerator rng) {
        CompletableFuture<HonestLoad.Report> f = lab.onAttackThread(
                () -> HonestLoad.run(lab.scheduler(), target, clients, perSecond, durationMillis, rng));
        return lab.await(f, durationMillis + 60_000);
    }
}
