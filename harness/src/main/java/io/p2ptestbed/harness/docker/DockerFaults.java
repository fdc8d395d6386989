package io.p2ptestbed.harness.docker;

import io.p2ptestbed.adversary.fault.Delay;
import io.p2ptestbed.adversary.fault.Duplicate;
import io.p2ptestbed.adversary.fault.FaultTarget;
import io.p2ptestbed.adversary.fault.LinkFault;
import io.p2ptestbed.adversary.fault.Loss;
import io.p2ptestbed.adversary.fault.Partition;
import io.p2ptestbed.adversary.fault.Reorder;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.control.FaultRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Faults in containers, installed from the adversary's fault data ({@link LinkFault}), so the
 * adversary's {@code Nemesis} runs on docker unchanged ({@link FaultTarget}). This kernel has no netem:
 * <ul>
 *   <li>{@link Partition} and {@link Loss} are applied at the network: iptables DROP rules (random loss
 *       with the statistic match) in a chain of their own in each receiving container's namespace, judged
 *       at the receiver; heal removes the chain.</li>
 *   <li>{@link Delay}, {@link Duplicate} and {@link Reorder} are applied in the nodes' transport layer
 *       through the control interface ({@code POST /v1/faults}), judged at the sender; a scoped fault
 *       applies to every datagram of a node in scope and to datagrams other nodes send to the scope.</li>
 * </ul>
 * Partitions and loss cover stream overlays' TCP traffic too (a segment dropped by a partition stalls its
 * connection, which TCP's retransmissions resume after the heal). Only the runtime's own nodes are affected;
 * attacker containers and the harness' control traffic (TCP port 7000, from the host) are not. A container restarted by churn gets its rules back ({@link #reapply}).
 */
public final class DockerFaults implements FaultTarget {

    private final DockerRuntime rt;
    private final Map<Integer, Map<NodeHostContainer, Applied>> network = new LinkedHashMap<>();
    private final Map<Integer, LinkFault> transport = new LinkedHashMap<>();
    private int nextId;

    /** The rules of one network fault in one container, and the namespace (pid) they went into. */
    private record Applied(List<String> rules, long pid) {}

    /** Whether the overlay runs on streams: then partitions and loss drop its TCP segments as well. */
    private final boolean streams;

    DockerFaults(DockerRuntime rt) {
        this.rt = rt;
        this.streams = rt.scenario().overlay().usesStreams();
    }

    /** Two groups that cannot hear each other (UDP between them is dropped both ways). */
    public Runnable partition(Collection<? extends NodeHandle> a, Collection<? extends NodeHandle> b) {
        return install(Partition.complete(addresses(a), addresses(b)));
    }

    /** Random loss of {@code p} on every datagram a node receives. */
    public Runnable loss(double p) {
        return install(Loss.everywhere(p));
    }

    public Runnable delay(long millis, long jitterMillis) {
        return install(Delay.everywhere(millis, jitterMillis));
    }

    public Runnable duplicate(double p) {
        return install(Duplicate.everywhere(p));
    }

    public Runnable reorder(double p, long windowMillis) {
        return install(Reorder.everywhere(p, windowMillis));
    }

    @Override
    public synchronized Runnable install(LinkFault fault) {
        int id = nextId++;
        if (fault instanceof Partition || fault instanceof Loss) {
            Map<NodeHostContainer, List<String>> rules = fault instanceof Partition p ? partitionRules(p) : lossRules((Loss) fault);
            Map<NodeHostContainer, Applied> applied = new LinkedHashMap<>();
            List<Map.Entry<NodeHostContainer, List<String>>> todo = new ArrayList<>(rules.entrySet());
            rt.parallel(todo, e -> {
                long pid = e.getKey().container().hostPid();
                if (pid > 0) {
                    Netns.iptablesRestore(pid, addChain(id, e.getValue()));
                }
                synchronized (applied) {
                    applied.put(e.getKey(), new Applied(e.getValue(), pid));
                }
            });
            network.put(id, applied);
            return () -> healNetwork(id);
        }
        transport.put(id, fault);
        pushTransport(rt.hosts());
        return () -> healTransport(id);
    }

    /**
     * The transport rules a node starts with ({@code NodeHostMain --faults}): every transport fault installed so far,
     * as seen by {@code self}. A fault installed before the containers start (a far group of delays) is then in place
     * from a node's first datagram, so its join already meets it.
     */
    public synchronized List<FaultRule> rulesAtStart(NodeAddress self) {
        return transport.values().stream().map(f -> rule(f, self)).filter(r -> !r.isNoop()).toList();
    }

    /** Heals every fault this runtime installed. */
    public synchronized void healAll() {
        new ArrayList<>(network.keySet()).forEach(this::healNetwork);
        if (!transport.isEmpty()) {
            transport.clear();
            pushTransport(rt.hosts());
        }
    }

    /** Active faults: network ones then transport ones. */
    public synchronized int active() {
        return network.size() + transport.size();
    }

    private synchronized void healNetwork(int id) {
        Map<NodeHostContainer, Applied> applied = network.remove(id);
        if (applied == null) {
            return;
        }
        rt.parallel(new ArrayList<>(applied.entrySet()), e -> {
            long pid = e.getKey().container().hostPid();
            if (pid > 0 && pid == e.getValue().pid()) {
                Netns.iptablesRestore(pid, "*filter\n-D INPUT -j " + chain(id) + "\n-F " + chain(id) + "\n-X " + chain(id)
                        + "\nCOMMIT\n");
            }
        });
    }

    private synchronized void healTransport(int id) {
        if (transport.remove(id) != null) {
            pushTransport(rt.hosts());
        }
    }

    /** After {@code docker start} of a killed container: its namespace and process are new, put its rules back. */
    synchronized void reapply(NodeHostContainer h) {
        long pid = h.container().hostPid();
        network.forEach((id, applied) -> {
            Applied a = applied.get(h);
            if (a != null && pid > 0) {
                Netns.iptablesRestore(pid, addChain(id, a.rules()));
                applied.put(h, new Applied(a.rules(), pid));
            }
        });
        if (!transport.isEmpty()) {
            pushTransport(List.of(h));
        }
    }

    private void pushTransport(List<NodeHostContainer> hosts) {
        List<LinkFault> faults = List.copyOf(transport.values());
        rt.parallel(hosts.stream().filter(h -> h.container() != null && h.nodes().stream().anyMatch(DockerNode::alive))
                .toList(), h -> {
            for (DockerNode n : h.nodes()) {
                if (n.alive()) {
                    h.control().setFaults(n.slot(), faults.stream().map(f -> rule(f, n.address())).toList());
                }
            }
        });
    }

    /** The node-side rule of a transport fault, as seen by the sender {@code self}. */
    public static FaultRule rule(LinkFault f, NodeAddress self) {
        if (f instanceof Delay d) {
            return new FaultRule(d.extraMillis(), d.jitterMillis(), 0, 0, 0, 0, peers(d.scope(), self));
        }
        if (f instanceof Duplicate d) {
            return new FaultRule(0, 0, d.p(), 0, 0, 0, peers(d.scope(), self));
        }
        if (f instanceof Reorder r) {
            return new FaultRule(0, 0, 0, r.p(), r.maxExtraMillis(), 0, peers(r.scope(), self));
        }
        throw new IllegalArgumentException("not a transport fault: " + f.label());
    }

    private static Set<NodeAddress> peers(Set<NodeAddress> scope, NodeAddress self) {
        return scope.isEmpty() || scope.contains(self) ? Set.of() : scope;
    }

    private Map<NodeHostContainer, List<String>> partitionRules(Partition p) {
        Map<NodeHostContainer, List<String>> out = new LinkedHashMap<>();
        p.grudge().forEach((to, senders) -> {
            DockerNode r = nodeAt(to);
            if (r == null) {
                return;
            }
            for (NodeAddress from : senders) {
                matches(from, to).forEach(m -> out.computeIfAbsent(r.host(), h -> new ArrayList<>()).add(m + " -j DROP"));
            }
        });
        return out;
    }

    private Map<NodeHostContainer, List<String>> lossRules(Loss l) {
        Map<NodeHostContainer, List<String>> out = new LinkedHashMap<>();
        String drop = " -m statistic --mode random --probability " + String.format(Locale.ROOT, "%.6f", l.p()) + " -j DROP";
        for (DockerNode r : rt.nodes()) {
            List<String> rules = out.computeIfAbsent(r.host(), h -> new ArrayList<>());
            if (l.scope().isEmpty() || l.scope().contains(r.address())) {
                matches(null, r.address()).forEach(m -> rules.add(m + drop));
            } else {
                l.scope().forEach(from -> matches(from, r.address()).forEach(m -> rules.add(m + drop)));
            }
        }
        return out;
    }

    private DockerNode nodeAt(NodeAddress a) {
        try {
            return rt.node(a);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    /**
     * The iptables matches of the traffic from {@code from} (null: anyone) that {@code to} receives: its datagrams,
     * and for stream overlays its TCP segments too, both those of connections {@code from} opened to {@code to}'s
     * listening port and those {@code from}'s listening port sends back on connections {@code to} opened. A
     * connection's client end uses an ephemeral port, so segments towards a listener are matched by the sender's
     * IP: with several nodes per container, a TCP rule covers every node of the sender's container.
     */
    private List<String> matches(NodeAddress from, NodeAddress to) {
        List<String> out = new ArrayList<>(List.of(match(from, to)));
        if (streams) {
            String src = from == null ? "" : " -s " + from.host() + "/32";
            out.add("-p tcp" + src + " -d " + to.host() + "/32 --dport " + to.port());
            out.add("-p tcp" + src + " -d " + to.host() + "/32 --sport " + (from == null ? nodePorts() : from.port()));
        }
        return out;
    }

    /** The TCP ports honest nodes listen on: NODE_PORT and up, one per node of a container. */
    private String nodePorts() {
        int m = Math.max(1, rt.options().nodesPerContainer());
        return m == 1 ? Integer.toString(DockerRuntime.NODE_PORT) : DockerRuntime.NODE_PORT + ":" + (DockerRuntime.NODE_PORT + m - 1);
    }

    private static String match(NodeAddress from, NodeAddress to) {
        StringBuilder sb = new StringBuilder("-p udp");
        if (from != null) {
            sb.append(" -s ").append(from.host()).append("/32");
        }
        sb.append(" -d ").append(to.host()).append("/32");
        if (from != null) {
            sb.append(" --sport ").append(from.port());
        }
        sb.append(" --dport ").append(to.port());
        return sb.toString();
    }

    private static String chain(int id) {
        return "P2PTB-F" + id;
    }

    private static String addChain(int id, List<String> rules) {
        StringBuilder sb = new StringBuilder("*filter\n:").append(chain(id)).append(" - [0:0]\n");
        rules.forEach(r -> sb.append("-A ").append(chain(id)).append(' ').append(r).append('\n'));
        return sb.append("-I INPUT 1 -j ").append(chain(id)).append("\nCOMMIT\n").toString();
    }

    private static List<NodeAddress> addresses(Collection<? extends NodeHandle> ns) {
        return ns.stream().map(NodeHandle::address).toList();
    }
}
