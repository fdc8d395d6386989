package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import java.util.random.RandomGenerator;

/** What a {@link Behaviour} may consult when it decides a reply: the scripted peer's own state. */
public interface PeerContext {

    NodeId self();

    NodeAddress address();

    /** Replication / bucket size used in replies (BEP 5: 8). */
    int k();

    Collusion collusion();

    RandomGenerator rng();

    /** The {@code n} contacts closest to {@code target} among known honest contacts and colluders. */
    List<Contact> closestKnown(NodeId target, int n);

    byte[] tokenFor(NodeAddress requester);

    boolean tokenValid(byte[] token, NodeAddress requester);

    void storePeer(NodeId infoHash, NodeAddress peer);

    List<NodeAddress> storedPeers(NodeId infoHash, int max);
}
