package io.p2ptestbed.harness.swarm;

import io.p2ptestbed.adversary.fault.FaultTarget;
import io.p2ptestbed.adversary.fault.LinkFault;
import io.p2ptestbed.adversary.fault.Loss;
import io.p2ptestbed.adversary.fault.Partition;
import io.p2ptestbed.harness.docker.DockerFaults;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.NodeHostContainer;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.control.FaultRule;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Faults on the swarm runtime, all through the nodes' control interface ({@code POST /v1/faults}), since the
 * tasks' network namespaces may be on other hosts where the testbed has no iptables: every fault is a rule of
 * the sending node's transport ({@code FaultyLink}). A {@link Partition} drops, at each sender, every datagram
 * to the receivers that hold a grudge against it; a {@link Loss} drops with its probability every datagram on
 * a link that touches its scope; delay, duplication and reordering are the docker runtime's transport rules.
 * Judged at the sender, so a partition holds both ways exactly when its grudge does (as the docker runtime's
 * receiver-side iptables rules). The Kubernetes driver's pods use the same rules ({@code harness.k8s.PodRuntime}).
 */
public final class SwarmFaults implements FaultTarget {

    private final java.util.function.Supplier<List<NodeHostContainer>> hosts;
    private final java.util.function.BiConsumer<List<NodeHostContainer>, java.util.function.Consumer<NodeHostContainer>> parallel;
    private final Map<Integer, LinkFault> active = new LinkedHashMap<>();
    private int nextId;

    SwarmFaults(SwarmRuntime rt) {
        this(rt::hosts, rt::parallel);
    }

    /** Faults pushed to the control interfaces of {@code hosts}, host by host through {@code parallel}. */
    public SwarmFaults(java.util.function.Supplier<List<NodeHostContainer>> hosts,
                       java.util.function.BiConsumer<List<NodeHostContainer>, java.util.function.Consumer<NodeHostContainer>> parallel) {
        this.hosts = hosts;
        this.parallel = parallel;
    }

    @Override
    public synchronized Runnable install(LinkFault fault) {
        int id = nextId++;
        active.put(id, fault);
        push(hosts.get());
        return () -> heal(id);
    }

    private synchronized void heal(int id) {
        if (active.remove(id) != null) {
            push(hosts.get());
        }
    }

    /** Heals every fault. */
    public synchronized void healAll() {
        if (!active.isEmpty()) {
            active.clear();
            push(hosts.get());
        }
    }

    public synchronized int active() {
        return active.size();
    }

    /** A node host started again (a node restarted or joined): its nodes get the active rules. */
    public synchronized void reapply(NodeHostContainer h) {
        if (!active.isEmpty()) {
            push(List.of(h));
        }
    }

    private void push(List<NodeHostContainer> targets) {
        List<LinkFault> faults = List.copyOf(active.values());
        parallel.accept(targets.stream().filter(h -> h.control() != null && h.nodes().stream().anyMatch(DockerNode::alive))
                .toList(), h -> {
            for (DockerNode n : h.nodes()) {
                if (n.alive()) {
                    h.control().setFaults(n.slot(), faults.stream().map(f -> rule(f, n.address()))
                            .filter(Objects::nonNull).toList());
                }
            }
        });
    }

    /** The rule of {@code f} in the transport of sender {@code self}; null when it sends nothing the fault touches. */
    static FaultRule rule(LinkFault f, NodeAddress self) {
        if (f instanceof Partition p) {
            Set<NodeAddress> holdGrudge = new HashSet<>();
            p.grudge().forEach((to, senders) -> {
                if (senders.contains(self)) {
                    holdGrudge.add(to);
                }
            });
            return holdGrudge.isEmpty() ? null : new FaultRule(0, 0, 0, 0, 0, 1.0, holdGrudge);
        }
        if (f instanceof Loss l) {
            // a link touching the scope: the sender in it (every datagram), else datagrams to the scope
            Set<NodeAddress> peers = l.scope().isEmpty() || l.scope().contains(self) ? Set.of() : l.scope();
            return new FaultRule(0, 0, 0, 0, 0, l.p(), peers);
        }
        return DockerFaults.rule(f, self);
    }
}
