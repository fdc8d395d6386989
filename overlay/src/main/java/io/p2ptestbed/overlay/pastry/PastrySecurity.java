package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing failure test of Castro et al. (OSDI 2002, section 5.2). Ids are certified, so they are
 * uniform on the ring: the mean gap between consecutive ids of a set of nodes is about 2^128 / N. A
 * colluder that ends a route and answers with a set of colluders only must pick them from f N nodes, and
 * its set is about 1/f times sparser. The sender compares the mean gap of the answer (the root and its
 * leaf set) with that of its own leaf set: the answer fails when its mean gap exceeds gamma times the
 * sender's, or when the key lies outside the answer's range.
 */
final class PastrySecurity {

    private PastrySecurity() {}

    /** Whether an answer {@code reached} for {@code key} passes the test against this node's leaf set. */
    static boolean passes(PastryState state, NodeId key, List<Contact> reached, double gamma) {
        List<Contact> own = new ArrayList<>(state.leafSet());
        if (own.size() < 2) {
            return !reached.isEmpty(); // too few nodes to judge density
        }
        own.add(state.self());
        if (reached.size() < 2) {
            return false;
        }
        BigInteger[] mine = span(state.self().id(), own);
        BigInteger[] theirs = span(key, reached);
        if (theirs[0].signum() > 0 || theirs[1].signum() < 0) {
            return false; // the key is not inside the set the root claims surrounds it
        }
        // mean gap = span / (n - 1); compare span_theirs * (n_own - 1) > gamma * span_own * (n_theirs - 1)
        double theirsMean = theirs[1].subtract(theirs[0]).doubleValue() / (reached.size() - 1);
        double ownMean = mine[1].subtract(mine[0]).doubleValue() / (own.size() - 1);
        return theirsMean <= gamma * ownMean;
    }

    /** The smallest and largest signed offset of the contacts' ids from {@code centre}. */
    private static BigInteger[] span(NodeId centre, List<Contact> contacts) {
        BigInteger lo = null, hi = null;
        for (Contact c : contacts) {
            BigInteger o = PastryIds.offset(centre, c.id());
            lo = lo == null || o.compareTo(lo) < 0 ? o : lo;
            hi = hi == null || o.compareTo(hi) > 0 ? o : hi;
        }
        return new BigInteger[] {lo, hi};
    }
}
