package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcResponse;

/** Callbacks for one outstanding query; exactly one of them runs. */
public interface ReplyHandler {

    void onResponse(KrpcResponse response);

    void onError(KrpcError error);

    void onTimeout();
}
