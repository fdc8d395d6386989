package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.kademlia.dos.Flood;
import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.adversary.kademlia.dos.FloodPlan;
import io.p2ptestbed.adversary.kademlia.dos.FloodStats;
import io.p2ptestbed.adversary.kademlia.dos.QueryMix;
import io.p2ptestbed.adversary.kademlia.dos.QueryType;
import io.p2ptestbed.adversary.kademlia.eclipse.AdversaryShare;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipseAttack;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipsePlan;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.harness.run.ScenarioAttacks;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Kademlia's scenario-file attacks, the same code as the docker and swarm features' shared-IP attacks
 * ({@code SharedIpAttackSteps}): an {@link EclipseAttack} by Sybils sharing one attacker IP (attacker host 0, ports
 * from 20000, one block per eclipse of the scenario) on the victim's farthest buckets, and a BEP 5 ping {@link Flood} from attacker host 1 (ports from
 * 30000) within its three bounds. Attacker sockets, scheduler and lab guard come from the runtime
 * ({@link CrossRuntime#attackContext}): socket hosts in attacker pods, containers or tasks, in-JVM sockets elsewhere.
 */
public final class KademliaScenarioAttacks implements ScenarioAttacks {

    static final int SYBIL_PORT = 20_000;
    static final int FLOOD_PORT = 30_000;

    @Override
    public String protocol() {
        return "kademlia";
    }

    @Override
    public Running start(NetworkRuntime rt, ScenarioFile.AttackSpec a, RandomGenerator rng) {
        NodeHandle node = rt.node(a.node());
        return a.type().equals("eclipse") ? eclipse(rt, node, a, rng) : flood(rt, node, a, rng);
    }

    private static Running eclipse(NetworkRuntime rt, NodeHandle victim, ScenarioFile.AttackSpec a, RandomGenerator rng) {
        if (!a.defences().isEmpty()) {
            CrossRuntime.installDefences(rt, victim, a.defences());
        }
        AttackContext ctx = CrossRuntime.attackContext(rt, rng);
        EclipsePlan plan = EclipsePlan.of(victim.contact(), a.sybils(), EclipsePlan.depthFor(rt.nodes().size()))
                .withAddresses(CrossRuntime.sharedAttackerIp(rt, SYBIL_PORT + a.firstSybil()))
                .withTiming(1_000, 1_000, a.durationMillis());
        EclipseAttack attack = new EclipseAttack(plan, ctx);
        CrossRuntime.onScheduler(rt, ctx.scheduler(), attack::setup);
        AdversaryShare before = AdversaryShare.of(victim.routingContacts(), attack.collusion());
        attack.start();
        return new Running() {
            @Override
            public Map<String, Double> metrics() {
                AdversaryShare s = AdversaryShare.of(victim.routingContacts(), attack.collusion());
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("victim", (double) victim.index());
                m.put("sybils", (double) a.sybils());
                m.put("victim_adversary_share_before", before.fraction());
                m.put("victim_adversary_share", s.fraction());
                m.put("victim_adversary_entries", (double) s.adversarial());
                m.put("victim_table_entries", (double) s.total());
                m.put("eclipse_messages_sent", (double) CrossRuntime.onScheduler(rt, ctx.scheduler(), () -> attack.metrics().messagesSent()));
                return m;
            }

            @Override
            public void close() {
                onScheduler(rt, ctx, attack::close);
            }
        };
    }

    private static Running flood(NetworkRuntime rt, NodeHandle target, ScenarioFile.AttackSpec a, RandomGenerator rng) {
        AttackContext ctx = CrossRuntime.attackContext(rt, rng);
        FloodBounds bounds = new FloodBounds(a.ratePerSecond(), a.count(), a.durationMillis());
        FloodPlan plan = FloodPlan.of(target.address(), QueryMix.only(QueryType.PING), bounds)
                .withSources(CrossRuntime.floodSources(rt, FLOOD_PORT), 1);
        Flood f = CrossRuntime.onScheduler(rt, ctx.scheduler(), () -> Flood.prepare(plan, ctx));
        f.start();
        return new Running() {
            @Override
            public Map<String, Double> metrics() {
                FloodStats s = CrossRuntime.onScheduler(rt, ctx.scheduler(), f::stats);
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("target", (double) target.index());
                m.put("flood_rate_bound", (double) bounds.ratePerSecond());
                m.put("flood_count_bound", (double) bounds.maxDatagrams());
                m.put("flood_duration_bound_ms", (double) bounds.durationMillis());
                m.put("flood_sent", (double) s.sent());
                m.put("flood_answered", (double) s.answered());
                m.put("flood_answered_ratio", s.sent() == 0 ? 0 : (double) s.answered() / s.sent());
                m.put("flood_elapsed_ms", (double) (s.startMillis() < 0 || s.endMillis() < 0 ? -1 : s.endMillis() - s.startMillis()));
                m.put("flood_finished", s.finished() ? 1.0 : 0.0);
                m.put("flood_within_bounds", s.sent() <= bounds.budget() ? 1.0 : 0.0);
                return m;
            }

            @Override
            public void close() {
                onScheduler(rt, ctx, f::stop);
            }
        };
    }

    private static void onScheduler(NetworkRuntime rt, AttackContext ctx, Runnable action) {
        CrossRuntime.onScheduler(rt, ctx.scheduler(), () -> {
            action.run();
            return null;
        });
    }
}
