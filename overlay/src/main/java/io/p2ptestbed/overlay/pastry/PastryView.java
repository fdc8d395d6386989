package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import java.util.List;

/** Pastry's own state, for tests, steps and reports that know they face Pastry (a capability of its nodes). */
public interface PastryView {

    PastryConfig config();

    /** The leaf set: counter-clockwise half then clockwise half, nearest first in each. */
    List<Contact> leafSet();

    /** Row r of the routing table: its filled entries. */
    List<Contact> row(int r);

    /** Rows holding at least one entry. */
    int filledRows();

    /** The neighbourhood set, nearest by measured round-trip time first. */
    List<Contact> neighbourhoodSet();

    /** The round-trip time this node measured to the contact with its own pings, or -1 when unknown. */
    long rttMillis(Contact c);
}
