package io.p2ptestbed.overlay.epidemic;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;

/** The epidemic overlay's messages; every one carries its sender's id. */
public sealed interface EpidemicMessage {

    NodeId sender();

    /** Asks a seed to add the sender to its join log, and for the whole log. */
    record Join(NodeId sender, int tid) implements EpidemicMessage {}

    /** Asks a seed for the entries of its join log from position {@code from} on. */
    record Pull(NodeId sender, int tid, int from) implements EpidemicMessage {}

    /**
     * One chunk of a seed's join log, answering a {@link Join} or a {@link Pull}; {@code next} is the log's
     * length when the answer was made (where the next pull starts).
     */
    record Members(NodeId sender, int tid, int chunk, int chunks, int next, List<Contact> members) implements EpidemicMessage {
        public Members {
            members = List.copyOf(members);
        }
    }

    /**
     * A gossiped message: its id, its origin, the hops it took to the receiver, whether the receiver should
     * say if it already knew it (Demers's feedback), and the payload.
     */
    record Rumor(NodeId sender, long messageId, Contact origin, int hops, boolean wantFeedback, byte[] payload)
            implements EpidemicMessage {}

    /** The receiver's answer to a {@link Rumor} that asked for feedback. */
    record Feedback(NodeId sender, long messageId, boolean knew) implements EpidemicMessage {}
}
