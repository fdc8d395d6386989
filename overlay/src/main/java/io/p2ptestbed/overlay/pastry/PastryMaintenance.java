package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryMessage.RowRequest;
import io.p2ptestbed.overlay.pastry.PastryMessage.State;
import io.p2ptestbed.overlay.time.Cancellable;
import java.util.List;

/**
 * Keeping the state whole (Rowstron and Druschel, section 2.4, "node departure"). Every leaf-probe period
 * the node pings its two ring neighbours and one more leaf in turn; a pong carries the responder's leaf
 * set. A leaf that fails is replaced from the leaf set of the farthest live leaf on its side; a failed
 * routing-table entry R[l][d] from row l of another entry of row l (else of row l + 1); and every
 * table-repair period the node asks a random entry for its row, which also finds closer entries.
 */
final class PastryMaintenance {

    private final PastryNode node;
    private Cancellable leafTimer;
    private Cancellable tableTimer;
    private int nextLeaf;
    private boolean tableRepair;
    private long firstRefresh;

    PastryMaintenance(PastryNode node) {
        this.node = node;
        this.tableRepair = node.config().tableRepair();
    }

    void start() {
        PastryConfig c = node.config();
        leafTimer = node.schedule(1 + node.rng().nextLong(c.leafProbeMillis()), this::probeLeaves);
        firstRefresh = 1 + node.rng().nextLong(c.tableRepairMillis()); // drawn either way: the same stream
        if (tableRepair) {
            tableTimer = node.schedule(firstRefresh, this::refreshTable);
        }
    }

    void stop() {
        if (leafTimer != null) {
            leafTimer.cancel();
        }
        if (tableTimer != null) {
            tableTimer.cancel();
            tableTimer = null;
        }
    }

    /** Table repair on (the periodic refresh starts, at the node's own phase) or off (it stops; failed entries are only removed). */
    void setTableRepair(boolean on) {
        if (on == tableRepair) {
            return;
        }
        tableRepair = on;
        if (on && node.isRunning()) {
            tableTimer = node.schedule(firstRefresh, this::refreshTable);
        } else if (!on && tableTimer != null) {
            tableTimer.cancel();
            tableTimer = null;
        }
    }

    boolean tableRepair() {
        return tableRepair;
    }

    private void probeLeaves() {
        if (!node.isRunning()) {
            return;
        }
        PastryState s = node.state();
        List<Contact> right = s.right();
        List<Contact> left = s.left();
        if (!right.isEmpty()) {
            node.ping(right.get(0));
        }
        if (!left.isEmpty() && (right.isEmpty() || !left.get(0).equals(right.get(0)))) {
            node.ping(left.get(0));
        }
        List<Contact> leaves = s.leafSet();
        if (leaves.size() > 2) {
            node.ping(leaves.get(nextLeaf++ % leaves.size()));
        }
        leafTimer = node.schedule(node.config().leafProbeMillis(), this::probeLeaves);
    }

    private void refreshTable() {
        if (!node.isRunning() || !tableRepair) {
            return;
        }
        int rows = node.state().filledRows();
        if (rows > 0) {
            int r = node.rng().nextInt(rows);
            askRow(r, node.state().row(r));
        }
        tableTimer = node.schedule(node.config().tableRepairMillis(), this::refreshTable);
    }

    /** A leaf failed: ask the farthest live leaf on its side (else on the other side) for its leaf set. */
    void repairLeafSet(Contact failed) {
        node.count(PastryCounter.LEAF_REPAIRS);
        Contact far = node.state().farthestOnSideOf(failed.id());
        if (far == null) {
            NodeId opposite = new NodeId(failed.id().hi() ^ Long.MIN_VALUE, failed.id().mid(), 0);
            far = node.state().farthestOnSideOf(opposite);
        }
        if (far != null) {
            node.ping(far);
        }
    }

    /** A routing-table entry of row {@code row} failed: ask another entry of that row, else of the next. */
    void repairRow(int row) {
        if (!tableRepair) {
            return;
        }
        node.count(PastryCounter.TABLE_REPAIRS);
        for (int r = row; r < node.config().rows(); r++) {
            List<Contact> entries = node.state().row(r);
            if (!entries.isEmpty()) {
                askRow(row, entries);
                return;
            }
        }
    }

    private void askRow(int row, List<Contact> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        Contact to = candidates.get(node.rng().nextInt(candidates.size()));
        node.rpc().request(to.address(), new RowRequest(node.rpc().newTid(), node.id(), row), reply -> {
            if (reply.message() instanceof State st) {
                node.offer(to, true, false);
                for (Contact c : st.contacts()) { // the candidates for this node's row: probed when a slot is contested
                    node.offerCandidate(c);
                }
            }
        }, () -> node.failed(to));
    }
}
