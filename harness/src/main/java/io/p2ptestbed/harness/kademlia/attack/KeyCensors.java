package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.attack.AttackLab;

import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.adversary.kademlia.peer.Collusion;
import io.p2ptestbed.adversary.kademlia.peer.SybilSwarm;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.adversary.sybil.Placement;
import io.p2ptestbed.adversary.sybil.SybilFactory;
import io.p2ptestbed.adversary.sybil.SybilSet;
import io.p2ptestbed.adversary.sybil.SybilSpec;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Sybils ground next to one key, to censor it or to poison its index: {@code count} ids sharing at least
 * log2(N) + {@value #EXTRA_PREFIX_BITS} leading bits with the key (closer than any honest node is likely
 * to be), listening on addresses spread over {@code slash24s} /24 networks. They join like nodes do (a
 * lookup of their own id, which lands them in the tables of the honest nodes around the key) and then
 * answer with {@link Behaviour.Censorship} (get_peers for the key gets no values, only fellow censors) or
 * {@link Behaviour.IndexPoisoning} (get_peers for the key gets bogus peers).
 */
public final class KeyCensors implements AutoCloseable {

    public static final int EXTRA_PREFIX_BITS = 6;
    /** Port of the bogus peers an index-poisoning Sybil hands out. */
    public static final int BOGUS_PORT = 1;

    /** What honest get_peers lookups for the key found. */
    /**
     * @param withHonestPeer lookups whose peers include an honestly announced one
     * @param withBogusPeer  lookups whose peers include a bogus one
     * @param withNoPeer     lookups that found no peer at all
     */
    public record Findings(int lookups, int withHonestPeer, int withBogusPeer, int withNoPeer) {

        /** Lookups that were fed bogus peers or found nothing. */
        public int bogusOrNone() {
            return withBogusPeer + withNoPeer;
        }

        public double honestFoundRate() {
            return lookups == 0 ? Double.NaN : (double) withHonestPeer / lookups;
        }

        public double bogusRate() {
            return lookups == 0 ? Double.NaN : (double) withBogusPeer / lookups;
        }

        public double emptyRate() {
            return lookups == 0 ? Double.NaN : (double) withNoPeer / lookups;
        }

        @Override
        public String toString() {
            return String.format("%d get_peers lookups: %d found an honest peer (%.1f%%), %d got bogus peers, %d got none",
                    lookups, withHonestPeer, 100 * honestFoundRate(), withBogusPeer, withNoPeer);
        }
    }

    private final AttackLab lab;
    private final NodeId key;
    private final SybilSet set;
    private final SybilSwarm swarm;
    private final List<NodeAddress> bogus;

    private KeyCensors(AttackLab lab, NodeId key, SybilSet set, SybilSwarm swarm, List<NodeAddress> bogus) {
        this.lab = lab;
        this.key = key;
        this.set = set;
        this.swarm = swarm;
        this.bogus = bogus;
    }

    /**
     * Grinds, launches and joins the Sybils.
     *
     * @param poison true: hand out bogus peers for the key; false: censor it (no values)
     */
    public static KeyCensors launch(NetworkRuntime rt, AttackLab lab, NodeId key, int count, int slash24s, boolean poison) {
        int prefix = 32 - Integer.numberOfLeadingZeros(Math.max(1, rt.liveNodes().size())) + EXTRA_PREFIX_BITS;
        var ctx = lab.context();
        SybilSet set = new SybilFactory(ctx.rng(), ctx.guard())
                .create(SybilSpec.of(count, new Placement.NearKey(key, prefix), AddressPlan.slash24s(slash24s, rt.labPort())));
        List<NodeAddress> bogus = set.identities().stream().map(s -> new NodeAddress(s.address().ip(), BOGUS_PORT)).toList();
        Behaviour b = poison ? new Behaviour.IndexPoisoning(Set.of(key), bogus) : new Behaviour.Censorship(key, false);
        SybilSwarm swarm = SybilSwarm.launch(set, b, ctx, new Collusion());
        swarm.setReplySize(KademliaScenarios.config(rt.scenario()).k());
        List<NodeAddress> seeds = rt.nodes().subList(0, rt.scenario().bootstrapNodes()).stream().map(NodeHandle::address).toList();
        lab.await(lab.onAttackThread(() -> swarm.join(seeds, 50)), 120_000);
        return new KeyCensors(lab, key, set, swarm, bogus);
    }

    /** Runs {@code lookups} get_peers lookups for the key from random honest nodes and sorts what they found. */
    public static Findings lookFor(NetworkRuntime rt, NodeId key, Set<NodeAddress> honestPeers, Set<NodeAddress> bogusPeers,
                                   int lookups, LookupMode mode, RandomGenerator rng) {
        List<NodeHandle> live = rt.liveNodes();
        List<LookupRequest> reqs = new ArrayList<>(lookups);
        for (int i = 0; i < lookups; i++) {
            reqs.add(new LookupRequest(live.get(rng.nextInt(live.size())), key, LookupKind.GET_PEERS));
        }
        List<LookupResult> results = HonestLookups.run(rt, reqs, mode);
        int honest = 0;
        int bad = 0;
        int none = 0;
        for (LookupResult r : results) {
            Set<NodeAddress> peers = r == null ? Set.of() : r.peers();
            boolean h = peers.stream().anyMatch(honestPeers::contains);
            boolean b = peers.stream().anyMatch(bogusPeers::contains);
            honest += h ? 1 : 0;
            bad += b ? 1 : 0;
            none += peers.isEmpty() ? 1 : 0;
        }
        return new Findings(lookups, honest, bad, none);
    }

    public NodeId key() {
        return key;
    }

    public SybilSet set() {
        return set;
    }

    public List<Contact> contacts() {
        return swarm.contacts();
    }

    public Collusion collusion() {
        return swarm.collusion();
    }

    public List<NodeAddress> bogusPeers() {
        return bogus;
    }

    @Override
    public void close() {
        lab.onAttackThread(() -> {
            swarm.close();
            return null;
        });
    }
}
