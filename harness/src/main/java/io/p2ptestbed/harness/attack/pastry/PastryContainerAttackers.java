package io.p2ptestbed.harness.attack.pastry;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.pastry.PastryColluders;
import io.p2ptestbed.adversary.pastry.PastryLiar;
import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.docker.SchedulerBoundTransport;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryConfig;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.Protocols;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * Pastry attackers of the container runtimes (docker, swarm): each a Pastry node of the harness, the honest code over
 * the adversary's {@link PastryLiar}, whose UDP socket lives in attacker container 0 (one IP of the run's lab network,
 * consecutive ports from {@link #FIRST_PORT}). Every datagram leaves that container on the real wire format, and the
 * lab guard of the run (loopback and the run's lab subnet only) checks every bind and every destination. All of them
 * run on the attackers' one scheduler thread, with real time.
 */
final class PastryContainerAttackers {

    /** The first UDP port of the attackers in the attacker container. */
    static final int FIRST_PORT = 21_000;
    /** Attackers launched so far per runtime, so that a second launch takes the next ports. */
    private static final Map<ControlledRuntime, Integer> LAUNCHED = new WeakHashMap<>();

    private PastryContainerAttackers() {}

    static PastryAttacks.Launched launch(ControlledRuntime rt, List<NodeId> ids, PastryLie lie, PastryColluders colluders) {
        int first;
        synchronized (LAUNCHED) {
            first = LAUNCHED.getOrDefault(rt, 0);
            LAUNCHED.put(rt, first + ids.size());
        }
        Seeds seeds = new Seeds(rt.scenario().seed());
        AttackContext ctx = rt.attackContext(seeds.stream("pastry-attackers", first));
        AddressPlan plan = rt.attackerSharedIp(0, FIRST_PORT);
        int leafSet = PastryConfig.of(rt.scenario().protocol()).leafSet();
        List<OverlayNode> nodes = new ArrayList<>();
        List<PastryLiar> liars = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            int j = first + i;
            NodeAddress bind = plan.address(j);
            // datagrams reach the node on the attackers' scheduler, not on the socket host client's reader thread
            PastryLiar liar = new PastryLiar(new SchedulerBoundTransport(ctx.open(bind), ctx.scheduler()), ctx.guard(),
                    ids.get(i), lie, colluders, leafSet);
            OverlayNode n = Protocols.get("pastry").create(new NodeContext(ids.get(i), liar, ctx.scheduler(),
                    seeds.stream("pastry-attacker", j), rt.scenario().protocol()));
            ctx.scheduler().execute(n::start);
            nodes.add(n);
            liars.add(liar);
            colluders.add(n.contact());
        }
        List<NodeAddress> bootstrap = PastryAttacks.seeds(rt);
        List<CompletableFuture<Boolean>> joins = new ArrayList<>();
        nodes.forEach(n -> joins.add(n.join(bootstrap).handle((v, e) -> e == null)));
        PastryAttacks.awaitJoins(rt, joins);
        return new PastryAttacks.Launched(nodes.stream().map(OverlayNode::contact).toList(), colluders, liars);
    }
}
