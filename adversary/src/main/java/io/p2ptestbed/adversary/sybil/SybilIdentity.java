package io.p2ptestbed.adversary.sybil;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;

/** One forged identity: its id, where it listens, and any proof an {@link IdConstraint} produced (or null). */
public record SybilIdentity(NodeId id, NodeAddress address, byte[] proof) {

    public SybilIdentity(NodeId id, NodeAddress address) {
        this(id, address, null);
    }

    public Contact contact() {
        return new Contact(id, address);
    }
}
