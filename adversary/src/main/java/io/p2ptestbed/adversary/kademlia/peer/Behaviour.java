package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcMessage;
import io.p2ptestbed.overlay.krpc.KrpcQuery;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a scripted peer answers the queries it receives. Every reply is a valid BEP 5 message; what
 * varies is its truthfulness and whether there is one at all. Every behaviour answers ping unless
 * stated, because a Sybil that answers pings stays in routing tables.
 */
public sealed interface Behaviour permits Behaviour.Honest, Behaviour.AdversarialRouting, Behaviour.Blackhole,
        Behaviour.IndexPoisoning, Behaviour.Censorship {

    /** The reply to {@code query} from {@code from}, or empty to stay silent. */
    Optional<KrpcMessage> respond(NodeAddress from, KrpcQuery query, PeerContext ctx);

    /** Behaves like a correct node, from the contacts the collusion knows: the control group. */
    record Honest() implements Behaviour {
        public Optional<KrpcMessage> respond(NodeAddress from, KrpcQuery q, PeerContext ctx) {
            return Optional.of(honestReply(from, q, ctx));
        }
    }

    /**
     * The S/Kademlia adversary: find_node and get_peers are answered with colluders only, each closer to
     * the target than the responder ({@link Mode#COLLUDERS_ONLY}), or with the honest contacts closest to
     * the target given colluders' addresses ({@link Mode#FORGED_ADDRESSES}). A lookup that sees a forged
     * entry also marks the real id as seen and never queries its true address.
     */
    record AdversarialRouting(Mode mode) implements Behaviour {
        public enum Mode { COLLUDERS_ONLY, FORGED_ADDRESSES }

        public Optional<KrpcMessage> respond(NodeAddress from, KrpcQuery q, PeerContext ctx) {
            NodeId target = Replies.lookupTarget(q);
            if (target == null) {
                return Optional.of(honestReply(from, q, ctx));
            }
            List<Contact> nodes = mode == Mode.COLLUDERS_ONLY ? closerColluders(target, ctx) : forged(target, ctx);
            return Optional.of(Replies.nodes(q, nodes, ctx, from));
        }

        private static List<Contact> closerColluders(NodeId target, PeerContext ctx) {
            List<Contact> out = new ArrayList<>(ctx.k());
            for (Contact c : ctx.collusion().closestMembers(target, ctx.k(), ctx.self())) {
                if (target.compareDistance(c.id(), ctx.self()) < 0) {
                    out.add(c);
                }
            }
            return out;
        }

        private static List<Contact> forged(NodeId target, PeerContext ctx) {
            List<Contact> members = ctx.collusion().members();
            List<Contact> out = new ArrayList<>(ctx.k());
            for (Contact honest : ctx.collusion().closestHonest(target, ctx.k())) {
                NodeAddress lie = members.isEmpty() ? ctx.address() : members.get(ctx.rng().nextInt(members.size())).address();
                out.add(new Contact(honest.id(), lie));
            }
            return out;
        }
    }

    /**
     * Accepts queries and never answers them: lookups routed through it stall until they time out.
     * With {@code answerPings} it still answers pings, so it stays in routing tables (a dropping eclipse).
     */
    record Blackhole(boolean answerPings) implements Behaviour {
        public Optional<KrpcMessage> respond(NodeAddress from, KrpcQuery q, PeerContext ctx) {
            return answerPings && q instanceof KrpcQuery.Ping ? Optional.of(honestReply(from, q, ctx)) : Optional.empty();
        }
    }

    /**
     * Answers get_peers for {@code infoHashes} (every info-hash when empty) with {@code bogusPeers} as
     * "values", plus a valid token; otherwise honest.
     */
    record IndexPoisoning(Set<NodeId> infoHashes, List<NodeAddress> bogusPeers) implements Behaviour {
        public IndexPoisoning {
            infoHashes = Set.copyOf(infoHashes);
            bogusPeers = List.copyOf(bogusPeers);
        }

        public Optional<KrpcMessage> respond(NodeAddress from, KrpcQuery q, PeerContext ctx) {
            if (q instanceof KrpcQuery.GetPeers g && (infoHashes.isEmpty() || infoHashes.contains(g.infoHash()))) {
                return Optional.of(new KrpcResponse(q.tid(), ctx.self(), List.of(), bogusPeers, ctx.tokenFor(from), from));
            }
            return Optional.of(honestReply(from, q, ctx));
        }
    }

    /**
     * Censors one key: get_peers for {@code key} gets no values — only a token and the fellow censors
     * closest to the key, which pulls the lookup into the censors' cluster so its k closest are all
     * censors — or no reply at all when {@code drop}. announce_peer for the key is acknowledged and
     * forgotten. Everything else is honest. Effective when the censors are the nodes closest to the key
     * ({@code Placement.NearKey}).
     */
    record Censorship(NodeId key, boolean drop) implements Behaviour {
        public Optional<KrpcMessage> respond(NodeAddress from, KrpcQuery q, PeerContext ctx) {
            if (q instanceof KrpcQuery.GetPeers g && g.infoHash().equals(key)) {
                return drop ? Optional.empty()
                        : Optional.of(Replies.nodes(q, ctx.collusion().closestMembers(key, ctx.k(), ctx.self()), ctx, from));
            }
            if (q instanceof KrpcQuery.AnnouncePeer a && a.infoHash().equals(key)) {
                return Optional.of(KrpcResponse.pong(q.tid(), ctx.self(), from));
            }
            return Optional.of(honestReply(from, q, ctx));
        }
    }

    /** What a correct node would answer, given what this peer knows. */
    static KrpcMessage honestReply(NodeAddress from, KrpcQuery q, PeerContext ctx) {
        if (q instanceof KrpcQuery.FindNode f) {
            return Replies.nodes(q, ctx.closestKnown(f.target(), ctx.k()), ctx, from);
        }
        if (q instanceof KrpcQuery.GetPeers g) {
            List<NodeAddress> values = ctx.storedPeers(g.infoHash(), 50);
            List<Contact> nodes = values.isEmpty() ? ctx.closestKnown(g.infoHash(), ctx.k()) : List.of();
            return new KrpcResponse(q.tid(), ctx.self(), nodes, values, ctx.tokenFor(from), from);
        }
        if (q instanceof KrpcQuery.AnnouncePeer a) {
            if (!ctx.tokenValid(a.token(), from)) {
                return new KrpcError(q.tid(), KrpcError.PROTOCOL, "bad token");
            }
            ctx.storePeer(a.infoHash(), new NodeAddress(from.ip(), a.impliedPort() ? from.port() : a.port()));
        }
        return KrpcResponse.pong(q.tid(), ctx.self(), from);
    }
}
