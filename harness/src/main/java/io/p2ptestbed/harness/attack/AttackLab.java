package io.p2ptestbed.harness.attack;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.TransportFactory;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.harness.runtime.LoopbackRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.netty.EventLoopScheduler;
import io.p2ptestbed.overlay.transport.netty.NettyUdpTransport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What attacks get from a running network: an {@link AttackContext} per attack (transports, one
 * scheduler, a child of the attack's seeded stream, and the loopback-only {@link LabGuard}), plus a way
 * to wait for what they do.
 *
 * <ul>
 *   <li>Simulated: the Sybils' transports are endpoints of the runtime's {@code SimNetwork} and their
 *       scheduler is its virtual-time loop, so attacks are as deterministic as the network.</li>
 *   <li>Loopback: every attacker socket is a {@link NettyUdpTransport} bound on the runtime's own
 *       event-loop group; all attack state lives on one event loop of that group (its scheduler), and
 *       datagrams are handed over to it by the adversary code.</li>
 * </ul>
 */
public final class AttackLab {

    private final NetworkRuntime runtime;
    private final AttackContext root;
    private final boolean virtualTime;

    private AttackLab(NetworkRuntime runtime, AttackContext root, boolean virtualTime) {
        this.runtime = runtime;
        this.root = root;
        this.virtualTime = virtualTime;
    }

    /** An attack lab for {@code rt}; {@code rng} must be derived from the scenario seed. */
    public static AttackLab of(NetworkRuntime rt, RandomGenerator rng) {
        if (rt instanceof SimulatedRuntime s) {
            return new AttackLab(rt, AttackContext.simulated(s.network(), rng), true);
        }
        if (rt instanceof LoopbackRuntime l) {
            EventLoopGroup group = l.eventLoopGroup();
            TransportFactory sockets = address -> bind(group, address);
            Scheduler scheduler = new EventLoopScheduler(group.next());
            return new AttackLab(rt, new AttackContext(sockets, scheduler, rng, LabGuard.loopbackOnly()), false);
        }
        throw new UnsupportedOperationException("attacks run on the simulated and loopback runtimes here; on "
                + rt.kind().label() + " use CrossRuntime.attackLab (attackers in containers of their own)");
    }

    /**
     * An attack lab whose attackers come from {@code root}, for a runtime on the wall clock whose attacker
     * sockets live elsewhere (the docker runtime's attacker containers, see {@code CrossRuntime.attackLab}).
     */
    public static AttackLab realTime(NetworkRuntime rt, AttackContext root) {
        return new AttackLab(rt, root, false);
    }

    /**
     * Binds an attacker socket. Binding waits until the socket is bound, which an event loop cannot do for
     * a channel of its own: called from one of the group's loops (an attack set up on the attack
     * scheduler), the socket is registered on another loop of the group.
     */
    private static Transport bind(EventLoopGroup group, NodeAddress address) {
        EventLoopGroup target = group;
        boolean onLoop = false;
        for (EventExecutor e : group) {
            onLoop |= e.inEventLoop();
        }
        if (onLoop) {
            target = null;
            for (EventExecutor e : group) {
                if (!e.inEventLoop() && e instanceof EventLoop other) {
                    target = other;
                    break;
                }
            }
            if (target == null) {
                throw new IllegalStateException("cannot bind attacker socket " + address + " from the runtime's only event "
                        + "loop: create attackers on the caller's thread");
            }
        }
        try {
            return NettyUdpTransport.bind(target, address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding attacker socket " + address, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind attacker socket " + address + ": " + e.getMessage(), e);
        }
    }

    public NetworkRuntime runtime() {
        return runtime;
    }

    /** A fresh context for one attack: same runtime and guard, a child random stream. */
    public AttackContext context() {
        return root.child();
    }

    /** The attacks' only clock and timer source. */
    public Scheduler scheduler() {
        return root.scheduler();
    }

    public LabGuard guard() {
        return root.guard();
    }

    /** Whether time is virtual (simulated runtime); on loopback it is the wall clock. */
    public boolean virtualTime() {
        return virtualTime;
    }

    /** Waits for an attack future; on the simulator virtual time runs until it completes. Null on timeout. */
    public <T> T await(CompletableFuture<T> f, long timeoutMillis) {
        return runtime.await(f, timeoutMillis);
    }

    /** Runs {@code call} on the attack scheduler's thread (directly on the simulator) and returns its result. */
    public <T> T onAttackThread(Supplier<T> call) {
        if (virtualTime) {
            return call.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        scheduler().execute(() -> {
            try {
                f.complete(call.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.orTimeout(30, TimeUnit.SECONDS).join();
    }
}
