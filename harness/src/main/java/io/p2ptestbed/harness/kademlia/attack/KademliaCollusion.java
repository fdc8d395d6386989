package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.adversary.collusion.CollusionSupport;
import io.p2ptestbed.adversary.kademlia.peer.CollusionPlan;
import io.p2ptestbed.adversary.kademlia.peer.CollusionTransport;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.harness.attack.OverlayCollusion;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.Set;

/** Kademlia's colluders: {@link CollusionTransport}s on the chosen nodes, sharing one {@link CollusionPlan}. */
public final class KademliaCollusion implements OverlayCollusion {

    @Override
    public String protocol() {
        return "kademlia";
    }

    @Override
    public CollusionSupport support() {
        return CollusionPlan.SUPPORT;
    }

    @Override
    public Installed install(LocalRuntime rt, Set<NodeAddress> colluders, ColluderStrategy strategy, ColluderPresence presence) {
        return installPlan(rt, colluders, colluders, strategy, presence);
    }

    /** Wraps the nodes at {@code wrapped}; those at {@code colluders} collude now, the others once {@link Plan#collude}d. */
    static Plan installPlan(LocalRuntime rt, Set<NodeAddress> wrapped, Set<NodeAddress> colluders, ColluderStrategy strategy,
                            ColluderPresence presence) {
        CollusionPlan plan = new CollusionPlan(strategy, presence, KademliaScenarios.config(rt.scenario()).k());
        colluders.forEach(plan::collude);
        Set<NodeAddress> all = Set.copyOf(wrapped);
        LabGuard guard = LabGuard.loopbackOnly();
        rt.setTransportDecorator((address, transport, scheduler) -> all.contains(address)
                ? new CollusionTransport(transport, guard, plan, scheduler, rt.seeds().stream("collusion", address.hashCode()))
                : transport);
        return new Plan(plan);
    }

    /** The installed plan. */
    public record Plan(CollusionPlan plan) implements Installed {
        public boolean isColluder(NodeAddress address) {
            return plan.isColluder(address);
        }

        public void collude(Set<NodeAddress> more) {
            more.forEach(plan::collude);
        }

        public void turnAt(long millis) {
            plan.setPresence(ColluderPresence.turnAt(millis));
        }

        public long lies() {
            return plan.lies();
        }
    }
}
