package io.p2ptestbed.overlay.krpc;

/** A KRPC error reply ("y":"e") with one of the BEP 5 codes. */
public record KrpcError(byte[] tid, int code, String message) implements KrpcMessage {

    public static final int GENERIC = 201;
    public static final int SERVER = 202;
    public static final int PROTOCOL = 203;
    public static final int METHOD_UNKNOWN = 204;
}
