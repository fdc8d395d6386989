package io.p2ptestbed.overlay.id;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of contacts kept in BEP 5 "compact node info" form (26 bytes each). A find_node reply
 * built from the routing table or decoded from a datagram stays in this form: the codec copies the bytes
 * as they are, and {@link #get} makes a {@link Contact} only for a caller that asks for one.
 */
public final class CompactContacts extends AbstractList<Contact> implements RandomAccess {

    private final byte[] data;
    private final int count;

    /** Wraps {@code data} (not copied): {@code data.length / 26} contacts. */
    public CompactContacts(byte[] data) {
        if (data.length % Contact.COMPACT_BYTES != 0) {
            throw new IllegalArgumentException("compact node info must be a multiple of 26 bytes, got " + data.length);
        }
        this.data = data;
        this.count = data.length / Contact.COMPACT_BYTES;
    }

    @Override
    public Contact get(int index) {
        Objects.checkIndex(index, count);
        return Contact.fromCompact(data, index * Contact.COMPACT_BYTES);
    }

    @Override
    public int size() {
        return count;
    }

    /** The node id of contact {@code index}, without making the contact. */
    public NodeId id(int index) {
        Objects.checkIndex(index, count);
        return NodeId.fromBytes(data, index * Contact.COMPACT_BYTES);
    }

    /** The high 64 bits of contact {@code index}'s id (as {@link NodeId#hi}), without making an object. */
    public long idHi(int index) {
        Objects.checkIndex(index, count);
        return (long) LONG_BE.get(data, index * Contact.COMPACT_BYTES);
    }

    /** The middle 64 bits of contact {@code index}'s id (as {@link NodeId#mid}). */
    public long idMid(int index) {
        Objects.checkIndex(index, count);
        return (long) LONG_BE.get(data, index * Contact.COMPACT_BYTES + 8);
    }

    /** The low 32 bits of contact {@code index}'s id (as {@link NodeId#lo}). */
    public int idLo(int index) {
        Objects.checkIndex(index, count);
        return (int) INT_BE.get(data, index * Contact.COMPACT_BYTES + 16);
    }

    private static final java.lang.invoke.VarHandle LONG_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle INT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** The address of contact {@code index}, without making the contact. */
    public NodeAddress address(int index) {
        Objects.checkIndex(index, count);
        return NodeAddress.fromCompact(data, index * Contact.COMPACT_BYTES + NodeId.BYTES);
    }

    public int byteLength() {
        return data.length;
    }

    /** Copies the compact form into {@code out} at {@code pos}. */
    public void writeTo(byte[] out, int pos) {
        System.arraycopy(data, 0, out, pos, data.length);
    }
}
