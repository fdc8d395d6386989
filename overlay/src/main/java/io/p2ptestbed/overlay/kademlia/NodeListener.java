package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.krpc.KrpcResponse;

/** Observes a node's traffic, for defences such as reputation and for metrics. Runs on the node's thread. */
public interface NodeListener {

    default void onResponse(Contact from, KrpcResponse response) {}

    default void onTimeout(Contact contact) {}

    default void onInsert(Contact contact, InsertOutcome outcome) {}
}
