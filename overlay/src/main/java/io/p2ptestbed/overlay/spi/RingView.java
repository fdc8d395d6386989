package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.Contact;
import java.util.List;

/**
 * The ring neighbours of a node in a ring key space (Chord's successor list and predecessor; Pastry's leaf
 * set halves). Ring checks ("the ring is whole", repair under churn) need nothing else.
 */
public interface RingView {

    /** The node's successors clockwise, nearest first; empty when it knows none. */
    List<Contact> successors();

    /** The nearest node counter-clockwise as the node believes it; null when unknown. */
    Contact predecessor();
}
