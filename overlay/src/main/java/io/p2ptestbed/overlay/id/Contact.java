package io.p2ptestbed.overlay.id;

/** A node as other nodes know it: its id and its UDP endpoint (BEP 5 "compact node info", 26 bytes). */
public record Contact(NodeId id, NodeAddress address) {

    public static final int COMPACT_BYTES = NodeId.BYTES + NodeAddress.COMPACT_BYTES;

    public static Contact fromCompact(byte[] b, int off) {
        return new Contact(NodeId.fromBytes(b, off), NodeAddress.fromCompact(b, off + NodeId.BYTES));
    }

    public void writeCompact(byte[] b, int off) {
        id.writeTo(b, off);
        address.writeCompact(b, off + NodeId.BYTES);
    }

    @Override
    public String toString() {
        return id.shortHex() + "@" + address;
    }
}
