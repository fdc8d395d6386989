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

    /** Row r of the constrained routing table (Castro et al. 2002); empty when the defence is off. */
    List<Contact> constrainedRow(int r);

    /** Routes a key plainly, with the routing failure test, or redundantly (anycast or leaf set), whatever the node's default. */
    java.util.concurrent.CompletableFuture<io.p2ptestbed.overlay.spi.RouteResult> route(
            io.p2ptestbed.overlay.id.NodeId key, PastryConfig.SecureRouting mode);

    /**
     * Switches routing-table repair (the {@code tableRepair} parameter) on or off while the node runs: Rowstron and
     * Druschel's failure experiment measures routes after a failure with the tables left unrepaired, then repaired.
     * Call on the node's own thread.
     */
    void setTableRepair(boolean on);

    /** Whether routing-table repair is on now ({@link #setTableRepair}, else the {@code tableRepair} parameter). */
    boolean tableRepair();

    /** The round-trip time this node measured to the contact with its own pings, or -1 when unknown. */
    long rttMillis(Contact c);
}
