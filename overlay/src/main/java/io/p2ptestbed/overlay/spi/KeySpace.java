package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeId;
import java.math.BigInteger;

/**
 * The metric of an overlay's 160-bit id space: which node is responsible for a key, and how far a node is
 * from a key. Kademlia uses XOR; Chord the clockwise distance from the key to the node (so the closest
 * node is the key's successor). Ground truth, lookup metrics and Sybil placement use this and nothing else.
 */
public interface KeySpace {

    /** A short name for reports, e.g. {@code xor} or {@code clockwise}. */
    String name();

    /** The distance from {@code key} to {@code node}; 0 when the node's id equals the key. */
    BigInteger distance(NodeId key, NodeId node);

    /** Negative when {@code a} is closer to {@code key} than {@code b}, 0 when as close, positive otherwise. */
    default int compareDistance(NodeId key, NodeId a, NodeId b) {
        return distance(key, a).compareTo(distance(key, b));
    }

    /** Whether the key space is a ring drawn as a circle (Chord, Pastry) or a tree (Kademlia). */
    boolean ring();

    /**
     * Whether ids place nodes in this key space (DHTs), or only name them (unstructured overlays: gossip,
     * epidemics, flooding), whose pictures then use a force-directed layout instead of the id ring.
     */
    default boolean structured() {
        return true;
    }
}
