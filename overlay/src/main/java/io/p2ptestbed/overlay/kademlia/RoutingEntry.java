package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;

/** A contact in a k-bucket with its liveness book-keeping. Mutated only on the owning node's thread. */
public final class RoutingEntry {

    private final Contact contact;
    private final long addedAt;
    private long lastSeen;
    private int failures;

    RoutingEntry(Contact contact, long now) {
        this.contact = contact;
        this.addedAt = now;
        this.lastSeen = now;
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

    void seen(long now) {
        lastSeen = now;
        failures = 0;
    }

    void failed() {
        failures++;
    }
}
