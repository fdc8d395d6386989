package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;

/**
 * A contact in a k-bucket with its liveness book-keeping, as a snapshot: the table keeps its entries in
 * primitive arrays and makes one of these for callers that ask ({@link RoutingTable#entries()} and friends).
 */
public final class RoutingEntry {

    private final Contact contact;
    private final long addedAt;
    private final long lastSeen;
    private final int failures;

    RoutingEntry(Contact contact, long addedAt, long lastSeen, int failures) {
        this.contact = contact;
        this.addedAt = addedAt;
        this.lastSeen = lastSeen;
        this.failures = failures;
    }

    public Contact contact() {
        return contact;
    }

    public long addedAt() {
        return addedAt;
    }

    public long lastSeen() {
        return lastSeen;
    }

    public int failures() {
        return failures;
    }

    @Override
    public String toString() {
        return contact + " (seen " + lastSeen + ", failures " + failures + ")";
    }
}
