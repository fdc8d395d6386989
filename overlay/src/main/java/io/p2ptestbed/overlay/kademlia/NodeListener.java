package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcResponse;

/**
 * Observes a node's traffic, for defences such as reputation and for metrics. Runs on the node's thread.
 * Every method has an empty default, so a listener overrides only what it needs.
 */
public interface NodeListener {

    default void onResponse(Contact from, KrpcResponse response) {}

    default void onTimeout(Contact contact) {}

    default void onInsert(Contact contact, InsertOutcome outcome) {}

    /** A KRPC error answered a query sent to a known id. */
    default void onError(Contact from, KrpcError error) {}

    /** A datagram from {@code from} could not be decoded as KRPC. */
    default void onMalformed(NodeAddress from) {}

    /**
     * A reply that an iterative lookup for {@code target} accepted (its sender is the id the lookup
     * queried). Lets a listener judge whether the reply brought the lookup closer to the target.
     */
    default void onLookupReply(Contact from, NodeId target, KrpcResponse response) {}

    /**
     * A lookup query failed. {@code referrer} is the contact whose reply introduced {@code queried} into
     * this lookup (null when {@code queried} was a starting contact), so a listener can blame nodes that
     * hand out dead or fake contacts. When several replies name the same contact, the first one is blamed.
     */
    default void onLookupFailure(Contact queried, Contact referrer, NodeId target, QueryFailure why) {}

    /** A lookup (plain, bootstrap, refresh, or one path of a disjoint lookup) finished. */
    default void onLookupFinished(LookupResult result) {}
}
