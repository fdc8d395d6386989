package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;

/**
 * Pastry's wire messages ({@link PastryCodec}). Every message carries a transaction id and the sender's
 * 128-bit id; ids travel as 16 bytes, contacts as 22 (id, IPv4, port).
 */
public sealed interface PastryMessage {

    int tid();

    NodeId sender();

    /** Keep-alive and proximity probe. */
    record Ping(int tid, NodeId sender) implements PastryMessage {}

    /**
     * The answer to a ping, with the responder's leaf set (how leaf sets repair each other). {@code asks}: the pong is
     * also a ping, under {@code askTid}, which the pinger answers with a pong of its own: the responder wanted the
     * pinger's round-trip time (a newcomer announcing itself, whose RTT decides its place), and measures it with
     * three datagrams instead of a ping and a pong of its own after this pong. {@code askTid} is 0 when it does not ask.
     */
    record Pong(int tid, NodeId sender, List<Contact> leafSet, boolean asks, int askTid) implements PastryMessage {
        public Pong {
            // a decoded leaf set stays in its datagram (immutable): copying it would make the objects it avoids
            leafSet = leafSet instanceof PastryWireContacts ? leafSet : List.copyOf(leafSet);
            if (!asks && askTid != 0) {
                throw new IllegalArgumentException("a pong that does not ask has ask tid 0, got " + askTid);
            }
        }

        /** A pong that does not ask. */
        public Pong(int tid, NodeId sender, List<Contact> leafSet) {
            this(tid, sender, leafSet, false, 0);
        }

        /** The same pong with another leaf set (what an attacker rewrites). */
        public Pong withLeafSet(List<Contact> other) {
            return new Pong(tid, sender, other, asks, askTid);
        }
    }

    /**
     * A message routed hop by hop toward {@code key}. {@code origin} and {@code originTid} name the route at
     * its origin (the owner answers there with {@link Routed}); {@code join} asks every hop to send the
     * origin its state (a joining node's key is its own id). {@code secure}: a copy of a redundant route
     * (Castro et al. 2002), which every hop forwards with its constrained routing table. {@code anycast}: a copy of
     * Castro et al.'s neighbour-set anycast (always secure), which ends at the first node whose leaf set holds the
     * key's root (the key lies within its leaf set's range); that node answers with itself and its leaf set.
     */
    record Route(int tid, NodeId sender, NodeId key, Contact origin, int originTid, int hops, boolean join,
                 boolean secure, boolean anycast) implements PastryMessage {

        public Route {
            if (anycast && (!secure || join)) {
                throw new IllegalArgumentException("an anycast route is secure and not a join");
            }
        }

        /** A route that is not an anycast copy. */
        public Route(int tid, NodeId sender, NodeId key, Contact origin, int originTid, int hops, boolean join,
                     boolean secure) {
            this(tid, sender, key, origin, originTid, hops, join, secure, false);
        }

        /** A plain (not secure) route. */
        public Route(int tid, NodeId sender, NodeId key, Contact origin, int originTid, int hops, boolean join) {
            this(tid, sender, key, origin, originTid, hops, join, false);
        }
    }

    /** A hop took a {@link Route} (per-hop acknowledgement: an unacknowledged hop is taken for dead). */
    record Ack(int tid, NodeId sender) implements PastryMessage {}

    /** The owner's answer to the origin: itself first, then its leaf set by distance to the key. */
    record Routed(int tid, NodeId sender, int hops, List<Contact> reached) implements PastryMessage {
        public Routed {
            reached = List.copyOf(reached);
        }
    }

    /** Asks for one row of the routing table (table repair). */
    record RowRequest(int tid, NodeId sender, int row) implements PastryMessage {}

    /**
     * State sent to a joining node by each hop of its join route, or a row sent in answer to a
     * {@link RowRequest}.
     */
    record State(int tid, NodeId sender, Kind kind, int row, List<Contact> contacts) implements PastryMessage {
        public State {
            contacts = List.copyOf(contacts);
        }
    }

    /** What a {@link State} holds. */
    enum Kind { ROW, LEAF_SET, NEIGHBOURHOOD }

    /**
     * Degree bounds (Singh et al., INFOCOM 2006): the sender put the receiver in its routing table ({@code add}) or
     * took it out. An add is answered by {@link Linked}; the receiver keeps the sender in its back-pointer set.
     */
    record Link(int tid, NodeId sender, boolean add) implements PastryMessage {}

    /** The answer to an added {@link Link}: whether the receiver took the sender as a back-pointer (its in-degree bound). */
    record Linked(int tid, NodeId sender, boolean accepted) implements PastryMessage {}

    /**
     * Anonymous auditing: the sender (the auditor) asks the receiver (the anonymizer) to challenge {@code target} for
     * its back-pointer set ({@link AuditKind#IN}) or its neighbour set ({@link AuditKind#OUT}) and to pass the
     * answer back; the target sees only the anonymizer.
     */
    record AuditRelay(int tid, NodeId sender, AuditKind kind, Contact target) implements PastryMessage {}

    /** The challenge the anonymizer sends the audited node: "give me your back-pointer (or neighbour) set". */
    record Audit(int tid, NodeId sender, AuditKind kind) implements PastryMessage {}

    /** The answer to an {@link Audit}, and the same set passed on by the anonymizer to the auditor. */
    record AuditSet(int tid, NodeId sender, AuditKind kind, List<Contact> contacts) implements PastryMessage {
        public AuditSet {
            contacts = List.copyOf(contacts);
        }
    }

    /** Which set an audit asks for: the back-pointers (in-degree) or the routing-table neighbours (out-degree). */
    enum AuditKind { IN, OUT }
}
