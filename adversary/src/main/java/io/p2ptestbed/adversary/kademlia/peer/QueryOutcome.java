package io.p2ptestbed.adversary.kademlia.peer;

import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcResponse;

/** How a query sent by a scripted peer ended. Byte counts are of the encoded datagrams on the wire. */
public sealed interface QueryOutcome {

    int requestBytes();

    record Answered(KrpcResponse response, int requestBytes, int replyBytes) implements QueryOutcome {}

    record Refused(KrpcError error, int requestBytes, int replyBytes) implements QueryOutcome {}

    record TimedOut(int requestBytes) implements QueryOutcome {}

    default boolean answered() {
        return this instanceof Answered;
    }
}
