package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every message of Chord's wire protocol. Each carries a 32-bit transaction id (a reply repeats its
 * request's) and the sender's id; the sender's address is the datagram's source. See {@link ChordCodec} for
 * the byte layout.
 */
public sealed interface ChordMessage {

    int tid();

    NodeId sender();

    /** Whether the message asks for a reply (and so is subject to the inbound filters). */
    default boolean isRequest() {
        return this instanceof Ping || this instanceof FindSuccessor || this instanceof GetPredecessor
                || this instanceof Notify || this instanceof GetSuccessorList || this instanceof Put
                || this instanceof Get || this instanceof TransferKeys || this instanceof GetFingers;
    }

    record Ping(int tid, NodeId sender) implements ChordMessage {}

    record Pong(int tid, NodeId sender) implements ChordMessage {}

    /** One step of an iterative lookup: "what do you know about the successor of key?" */
    record FindSuccessor(int tid, NodeId sender, NodeId key) implements ChordMessage {}

    /**
     * The answer to {@link FindSuccessor}. {@code done}: the key lies between the responder and its successor,
     * and {@code contacts} is the responder's successor list (the owner first). Otherwise the contacts are the
     * responder's closest preceding nodes of the key, best first: "I am not the owner, ask these".
     */
    record FindSuccessorReply(int tid, NodeId sender, boolean done, List<Contact> contacts) implements ChordMessage {
        public FindSuccessorReply {
            contacts = List.copyOf(contacts);
        }
    }

    record GetPredecessor(int tid, NodeId sender) implements ChordMessage {}

    /** The responder's predecessor (null when it has none) and its successor list: one stabilize round trip. */
    record PredecessorReply(int tid, NodeId sender, Contact predecessor, List<Contact> successors) implements ChordMessage {
        public PredecessorReply {
            successors = List.copyOf(successors);
        }
    }

    /** "I think I am your predecessor" (one-way). */
    record Notify(int tid, NodeId sender) implements ChordMessage {}

    record GetSuccessorList(int tid, NodeId sender) implements ChordMessage {}

    record SuccessorListReply(int tid, NodeId sender, List<Contact> successors) implements ChordMessage {
        public SuccessorListReply {
            successors = List.copyOf(successors);
        }
    }

    record Put(int tid, NodeId sender, NodeId key, byte[] value) implements ChordMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof Put p && p.tid == tid && p.sender.equals(sender) && p.key.equals(key)
                    && Arrays.equals(p.value, value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tid, sender, key, Arrays.hashCode(value));
        }
    }

    /** The reply to {@link Put} and {@link TransferKeys}: how many values were stored. */
    record PutOk(int tid, NodeId sender, int stored) implements ChordMessage {}

    record Get(int tid, NodeId sender, NodeId key) implements ChordMessage {}

    /** The value, or null when the responder holds none under the key. */
    record GetReply(int tid, NodeId sender, byte[] value) implements ChordMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof GetReply g && g.tid == tid && g.sender.equals(sender) && Arrays.equals(g.value, value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tid, sender, Arrays.hashCode(value));
        }
    }

    /** One stored value, in a hand-over. */
    record Entry(NodeId key, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.key.equals(key) && Arrays.equals(e.value, value);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + Arrays.hashCode(value);
        }
    }

    /** Keys handed over on join (to the new predecessor) or on graceful leave (to the successor). */
    record TransferKeys(int tid, NodeId sender, List<Entry> entries) implements ChordMessage {
        public TransferKeys {
            entries = List.copyOf(entries);
        }
    }

    /** Asks for the responder's distinct fingers: a joining node seeds its own fingers from its successor's. */
    record GetFingers(int tid, NodeId sender) implements ChordMessage {}

    /** The responder's distinct fingers in finger order (the farthest ones when there are more than fit). */
    record FingersReply(int tid, NodeId sender, List<Contact> fingers) implements ChordMessage {
        public FingersReply {
            fingers = List.copyOf(fingers);
        }
    }

    /** A request could not be served; {@code code} is one of the {@code ERR_} constants of {@link ChordCodec}. */
    record Error(int tid, NodeId sender, int code, String text) implements ChordMessage {}
}
