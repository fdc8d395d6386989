package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ids bound to addresses, as the Chord paper suggests: a node's id is the SHA-1 hash of its IP address and
 * port (here the 6-byte compact form: 4 address bytes, 2 port bytes, big-endian). With the {@code bindIds}
 * defence a node refuses every contact whose id is not this hash, so an attacker can no longer choose where
 * on the ring its Sybils sit: it has to own the addresses whose hashes land there.
 */
public final class ChordIds {

    private ChordIds() {}

    /** The honest id of a node at {@code address}: SHA-1 of its compact address. */
    public static NodeId forAddress(NodeAddress address) {
        return NodeId.ofAddress(address);
    }

    /** Whether the contact's id is the hash of its address. */
    public static boolean bound(Contact c) {
        return forAddress(c.address()).equals(c.id());
    }

    /** The SHA-1 of arbitrary bytes as a key (for values stored under names). */
    public static NodeId key(byte[] data) {
        try {
            return NodeId.fromBytes(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-1", e);
        }
    }
}
