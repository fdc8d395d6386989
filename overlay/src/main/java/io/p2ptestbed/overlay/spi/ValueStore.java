package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.concurrent.CompletableFuture;

/**
 * Put/get of values under keys, for overlays that store values (the DHT's {@code put} and {@code get}).
 * {@code put} and {@code get} may be called from any thread; the implementation hops onto its scheduler.
 */
public interface ValueStore {

    /** Stores the value at the key's responsible node(s); completes with how many stored it. */
    CompletableFuture<PutResult> put(NodeId key, byte[] value);

    /** Fetches the value stored under the key; completes with an empty result when none was found. */
    CompletableFuture<GetResult> get(NodeId key);

    /** Values this node itself holds (for ground truth and hand-over checks). */
    int storedValues();

    record PutResult(NodeId key, int replicas, int messages) {
        public boolean stored() {
            return replicas > 0;
        }
    }

    record GetResult(NodeId key, byte[] value, io.p2ptestbed.overlay.id.Contact from, int hops, int messages) {
        public boolean found() {
            return value != null;
        }
    }
}
