package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A contact list read in place from a datagram the decoder has already checked ({@link PastryCodec}: the count,
 * the length, every port non-zero): 22 bytes per contact (16 id bytes, 4 address bytes, 2 port bytes). A node reads
 * the members' ids and addresses as primitives and makes a {@link Contact} only for a member it takes into its state.
 * Every keep-alive and proximity pong carries a leaf set of 16; decoding each member into three objects was the
 * largest share of a simulated build's allocation. Immutable, as long as nobody writes to the datagram after
 * decoding it (transports hand every datagram over in an array of its own). {@link #get} decodes the member each time.
 */
final class PastryWireContacts extends AbstractList<Contact> implements RandomAccess {

    private final byte[] data;
    private final int offset;
    private final int size;

    /** @param offset the first contact's first byte (after the one-byte count) */
    PastryWireContacts(byte[] data, int offset, int size) {
        this.data = data;
        this.offset = offset;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Contact get(int i) {
        return new Contact(new NodeId(hi(i), mid(i), 0), NodeAddress.fromCompact(data, at(i) + PastryCodec.ID));
    }

    private int at(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return offset + i * PastryCodec.CONTACT;
    }

    /** The high word of member i's id. */
    long hi(int i) {
        return readLong(data, at(i));
    }

    /** The second word of member i's id (a Pastry id's last 32 SPI bits are zero). */
    long mid(int i) {
        return readLong(data, at(i) + 8);
    }

    /** Member i's address packed as {@code ip << 16 | port} ({@link PastryLeafSide#address}). */
    long address(int i) {
        int a = at(i) + PastryCodec.ID;
        int ip = ((data[a] & 0xFF) << 24) | ((data[a + 1] & 0xFF) << 16) | ((data[a + 2] & 0xFF) << 8) | (data[a + 3] & 0xFF);
        return ((long) ip << 16) | ((data[a + 4] & 0xFF) << 8) | (data[a + 5] & 0xFF); // as NodeAddress.ip(), signed
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = v << 8 | (b[off + k] & 0xFF);
        }
        return v;
    }
}
