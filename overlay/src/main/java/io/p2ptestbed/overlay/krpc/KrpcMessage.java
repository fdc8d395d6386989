package io.p2ptestbed.overlay.krpc;

/** A BEP 5 KRPC message: a query, a response or an error, matched by transaction id. */
public sealed interface KrpcMessage permits KrpcQuery, KrpcResponse, KrpcError {

    /** Transaction id chosen by the querying node and echoed in the reply. */
    byte[] tid();
}
