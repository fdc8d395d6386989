package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.Contact;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Chord's own capability ({@code node.capability(ChordView.class)}): its ring pointers, and the graceful
 * leave. {@link io.p2ptestbed.overlay.spi.OverlayNode#stop()} is a crash: the node falls silent and hands
 * nothing over (the harness uses it to kill nodes). {@link #leave()} is the polite exit: the node hands
 * every value it holds to its successor, waits for the acknowledgements (or their timeouts), then stops.
 */
public interface ChordView extends io.p2ptestbed.overlay.spi.RingView {

    /** The successor list, first successor first (empty while the node is alone). */
    @Override
    List<Contact> successors();

    /** The predecessor, or null when unknown. */
    @Override
    Contact predecessor();

    /** The 160 fingers, finger i the node's belief of successor(id + 2^i); entries may be null. */
    List<Contact> fingers();

    /** The distinct contacts among the fingers, in finger order. */
    List<Contact> distinctFingers();

    /** Graceful leave: hand the stored values to the successor, then stop. Completes when stopped. */
    CompletableFuture<Void> leave();
}
