package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.krpc.KrpcQuery;

/** A defence consulted before a query is served (rate limiting, bans). */
@FunctionalInterface
public interface InboundGuard {

    enum Verdict { ALLOW, DROP, REJECT_202 }

    Verdict admit(NodeAddress from, KrpcQuery query, long nowMillis);
}
