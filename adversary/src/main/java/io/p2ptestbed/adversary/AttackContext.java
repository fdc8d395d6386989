package io.p2ptestbed.adversary;

import io.p2ptestbed.adversary.lab.GuardedTransport;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.sim.SimNetwork;
import java.util.random.RandomGenerator;

/**
 * Everything an attack needs from its runtime: where to get sockets, time, randomness, and the lab
 * boundary. All attack state is touched only from {@code scheduler}'s thread; datagrams arriving on a
 * transport's own thread are handed over with {@link Scheduler#execute}.
 *
 * @param transports opens transports; every one it opens is checked and wrapped by {@code guard}
 * @param scheduler  the attacker's only clock and timer source
 * @param rng        the attacker's randomness, derived from the scenario seed
 * @param guard      the lab boundary for bind and destination addresses
 */
public record AttackContext(TransportFactory transports, Scheduler scheduler, RandomGenerator rng, LabGuard guard) {

    /** An attack context on a simulated network, confined to loopback. */
    public static AttackContext simulated(SimNetwork network, RandomGenerator rng) {
        return new AttackContext(network::open, network.scheduler(), rng, LabGuard.loopbackOnly());
    }

    /** Checks the bind address against the lab guard before opening, and guards every send after. */
    public Transport open(NodeAddress bind) {
        guard.check(bind, "bind address");
        return new GuardedTransport(transports.open(bind), guard);
    }

    /** A context with the same runtime and a child random stream. */
    public AttackContext child() {
        return new AttackContext(transports, scheduler, Rngs.child(rng), guard);
    }
}
