package io.p2ptestbed.harness.superpeer;

import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.workload.FileSearches;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import io.p2ptestbed.overlay.superpeer.SuperPeerSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A super-peer network measured: searches from random live leaves graded against what the live leaves share,
 * the share of nodes that became super-peers, the leaves' parents, and the attacks: Sybil super-peers that claim
 * the highest capacity and no load (and drop every query), and super-peers failing at once.
 */
public final class SuperPeerService {

    private SuperPeerService() {}

    private static SuperPeerSearch search(LocalRuntime rt, LocalNode n) {
        return rt.onOverlay(n, o -> o.require(SuperPeerSearch.class, "super-peer searches"));
    }

    /**
     * Searches from random live leaves for files another live leaf shares, spread over {@code spreadMillis}; any
     * runtime (through the nodes' FileSearch).
     */
    public static FileSearches.Tally searches(NetworkRuntime rt, int count, long spreadMillis, RandomGenerator rng) {
        return FileSearches.run(rt, count, spreadMillis, rng);
    }

    /** The live honest super-peers. */
    public static List<LocalNode> superPeers(LocalRuntime rt) {
        List<LocalNode> out = new ArrayList<>();
        for (NodeHandle h : rt.liveNodes()) {
            LocalNode n = (LocalNode) h;
            SuperPeerSearch s = search(rt, n);
            if (rt.onOverlay(n, o -> s.isSuperPeer())) {
                out.add(n);
            }
        }
        return out;
    }

    /** Each live leaf's parents, by leaf address. */
    public static Map<NodeAddress, List<NodeAddress>> parents(LocalRuntime rt) {
        Map<NodeAddress, List<NodeAddress>> out = new LinkedHashMap<>();
        for (NodeHandle h : rt.liveNodes()) {
            LocalNode n = (LocalNode) h;
            SuperPeerSearch s = search(rt, n);
            if (!rt.onOverlay(n, o -> s.isSuperPeer())) {
                out.put(n.address(), rt.onOverlay(n, o -> s.parentAddresses()));
            }
        }
        return out;
    }

    /** A live node's role and parents as its container's control interface gives them ({@code GET /v1/superpeer/state}). */
    private record State(NodeHandle node, boolean superPeer, List<NodeAddress> parents) {}

    private static List<State> states(NetworkRuntime rt) {
        List<State> out = new ArrayList<>();
        for (NodeHandle h : rt.liveNodes()) {
            if (!(h instanceof DockerNode d)) {
                throw new UnsupportedCapabilityException("super-peer roles and parents are read on the simulated, loopback and "
                        + "container runtimes, not " + rt.kind().label());
            }
            io.p2ptestbed.overlay.node.control.Fields f = d.control().call("GET", "superpeer/state", d.slot(), null);
            List<NodeAddress> ps = new ArrayList<>();
            io.p2ptestbed.overlay.node.control.Fields.list(f.get("parents"), "parents")
                    .forEach(p -> ps.add(NodeAddress.parse((String) p)));
            out.add(new State(h, f.string("role").equals("super"), ps));
        }
        return out;
    }

    /** The live honest super-peers, on any runtime (in containers through each node's control interface). */
    public static List<NodeHandle> superPeers(NetworkRuntime rt) {
        if (rt instanceof LocalRuntime local) {
            return new ArrayList<>(superPeers(local));
        }
        return new ArrayList<>(states(rt).stream().filter(State::superPeer).map(State::node).toList());
    }

    /** Each live leaf's parents, by leaf address, on any runtime (in containers through each node's control interface). */
    public static Map<NodeAddress, List<NodeAddress>> parents(NetworkRuntime rt) {
        if (rt instanceof LocalRuntime local) {
            return parents(local);
        }
        Map<NodeAddress, List<NodeAddress>> out = new LinkedHashMap<>();
        states(rt).stream().filter(st -> !st.superPeer()).forEach(st -> out.put(st.node().address(), st.parents()));
        return out;
    }

    /** The share of live leaves all of whose parents are in {@code attackers} (a leaf without parents counts as not captured). */
    public static double captured(NetworkRuntime rt, Set<NodeAddress> attackers) {
        Map<NodeAddress, List<NodeAddress>> ps = parents(rt);
        long captured = ps.values().stream().filter(l -> !l.isEmpty() && attackers.containsAll(l)).count();
        return ps.isEmpty() ? 0 : (double) captured / ps.size();
    }

    /**
     * Turns exactly {@code percent}% (rounded) of the live super-peers malicious ({@code drop} or {@code poison}), drawn
     * from {@code rng}; returns how many. On the container runtimes through each chosen node's {@code POST /v1/malice}.
     */
    public static int turnMalicious(NetworkRuntime rt, String mode, int percent, RandomGenerator rng) {
        List<NodeHandle> sps = new ArrayList<>();
        if (rt instanceof LocalRuntime local) {
            sps.addAll(superPeers(local));
        } else {
            List<NodeAddress> answering = FileSearches.sharers(rt).stream().filter(p -> !p.canAsk())
                    .map(FileSearches.Sharer::address).toList();
            rt.liveNodes().stream().filter(h -> answering.contains(h.address())).forEach(sps::add);
        }
        int n = (int) Math.round(sps.size() * percent / 100.0);
        for (int i = 0; i < n; i++) {
            NodeHandle chosen = sps.remove(rng.nextInt(sps.size()));
            if (rt instanceof LocalRuntime local) {
                SuperPeerSearch s = search(local, (LocalNode) chosen);
                local.onOverlay((LocalNode) chosen, o -> {
                    s.turnMalicious(mode);
                    return null;
                });
            } else if (chosen instanceof DockerNode d) {
                d.control().call("POST", "malice", d.slot(), Map.of("mode", mode));
            } else {
                throw new UnsupportedCapabilityException("malicious super-peers run on the simulated, loopback and container "
                        + "runtimes, not " + rt.kind().label());
            }
        }
        return n;
    }

    /**
     * {@code count} Sybil super-peers from 127.201.50.x: they claim the highest capacity (999) and no load, link to
     * every super-peer they learn of (up to 64) so that every cluster hears their claim, and drop every query their
     * leaves send; joined through the bootstrap nodes.
     */
    public static List<Contact> sybilSuperPeers(NetworkRuntime rt, int count, RandomGenerator rng) {
        if (count < 1 || count > 254) {
            throw new IllegalArgumentException("Sybil super-peers must number 1 to 254, got " + count);
        }
        Map<String, String> sybil = Map.of("role", "super", "claimCapacity", "999", "superDegree", "64", "malice", "drop");
        if (rt instanceof DockerRuntime docker) {
            if (count > 40) {
                throw new IllegalArgumentException("Sybil super-peers in containers (one container each) must number 1 to 40, got "
                        + count);
            }
            return docker.launchAttackerNodes(count, sybil, rng).stream().map(d -> new Contact(d.id(), d.address())).toList();
        }
        if (!(rt instanceof LocalRuntime local)) {
            throw new UnsupportedCapabilityException("Sybil super-peers join on the simulated, loopback and docker runtimes, not "
                    + rt.kind().label());
        }
        return sybilSuperPeers(local, count, sybil, rng);
    }

    private static List<Contact> sybilSuperPeers(LocalRuntime rt, int count, Map<String, String> sybil, RandomGenerator rng) {
        Map<String, String> given = new LinkedHashMap<>(rt.scenario().protocol().asMap());
        given.putAll(sybil);
        ProtocolParams p = rt.protocol().params(given);
        List<Contact> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            OverlayNode n = rt.bootExtra(Addresses.attacker(50, j, rt.labPort()), p, new SplittableRandom(rng.nextLong()));
            rt.joinExtra(List.of(n));
            out.add(n.contact());
        }
        return out;
    }

    /** Kills {@code percent}% of the live honest super-peers at once, drawn from {@code rng}; returns how many. */
    public static int failSuperPeers(NetworkRuntime rt, int percent, RandomGenerator rng) {
        List<NodeHandle> sps = superPeers(rt);
        int n = (int) Math.round(sps.size() * percent / 100.0);
        for (int i = 0; i < n; i++) {
            rt.kill(sps.remove(rng.nextInt(sps.size())));
        }
        return n;
    }
}
