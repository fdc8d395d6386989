package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.DatagramHandler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A transport decorator that applies {@link FaultRule}s to outgoing datagrams inside the node process:
 * delay and jitter, duplication, reordering and loss. This kernel has no netem, so latency-type faults
 * live here; loss and partitions can also be applied at the network (iptables in the container's
 * namespace), which the harness does.
 *
 * <p>Threading: {@link #send} runs on the node's scheduler thread (the node's only thread), and delayed
 * copies are sent from that scheduler too; counters are plain fields read on the same thread (the node
 * merges them into its stats). {@link #setRules} may be called from any thread: the rule list is
 * replaced atomically. Randomness comes from the generator handed in, seeded from the node's seed.
 */
public final class FaultyLink implements Transport {

    private final Transport inner;
    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private volatile List<FaultRule> rules = List.of();
    private long dropped;
    private long delayed;
    private long duplicated;
    private long reordered;

    public FaultyLink(Transport inner, Scheduler scheduler, RandomGenerator rng) {
        this.inner = inner;
        this.scheduler = scheduler;
        this.rng = rng;
    }

    /** Replaces all rules; an empty list heals every fault (datagrams already held back still go out). */
    public void setRules(List<FaultRule> newRules) {
        rules = newRules.stream().filter(r -> !r.isNoop()).toList();
    }

    public List<FaultRule> rules() {
        return rules;
    }

    @Override
    public void send(NodeAddress to, byte[] datagram) {
        List<FaultRule> active = rules;
        if (active.isEmpty()) {
            inner.send(to, datagram);
            return;
        }
        long delay = 0;
        int copies = 1;
        boolean held = false;
        for (FaultRule r : active) {
            if (!r.appliesTo(to)) {
                continue;
            }
            if (r.loss() > 0 && rng.nextDouble() < r.loss()) {
                dropped++;
                return;
            }
            delay += r.delayMillis() + (r.jitterMillis() == 0 ? 0 : rng.nextLong(r.jitterMillis() + 1));
            if (r.duplicate() > 0 && rng.nextDouble() < r.duplicate()) {
                copies++;
            }
            if (r.reorder() > 0 && rng.nextDouble() < r.reorder()) {
                held = true;
                delay += r.reorderMillis() == 0 ? 0 : rng.nextLong(r.reorderMillis() + 1);
            }
        }
        duplicated += copies - 1;
        if (held) {
            reordered++;
        }
        if (delay == 0) {
            for (int i = 0; i < copies; i++) {
                inner.send(to, datagram);
            }
            return;
        }
        delayed++;
        byte[] copy = datagram.clone();
        int n = copies;
        scheduler.schedule(delay, () -> {
            for (int i = 0; i < n; i++) {
                inner.send(to, copy);
            }
        });
    }

    /** {@code fault.dropped}, {@code fault.delayed}, {@code fault.duplicated}, {@code fault.reordered}, {@code fault.rules}. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        m.put("fault.dropped", dropped);
        m.put("fault.delayed", delayed);
        m.put("fault.duplicated", duplicated);
        m.put("fault.reordered", reordered);
        m.put("fault.rules", (long) rules.size());
        return m;
    }

    @Override
    public NodeAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public void setHandler(DatagramHandler handler) {
        inner.setHandler(handler);
    }

    @Override
    public void close() {
        inner.close();
    }
}
