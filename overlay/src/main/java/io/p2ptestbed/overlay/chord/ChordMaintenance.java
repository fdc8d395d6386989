package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.chord.ChordMessage.FingersReply;
import io.p2ptestbed.overlay.chord.ChordMessage.GetFingers;
import io.p2ptestbed.overlay.chord.ChordMessage.GetPredecessor;
import io.p2ptestbed.overlay.chord.ChordMessage.GetSuccessorList;
import io.p2ptestbed.overlay.chord.ChordMessage.Notify;
import io.p2ptestbed.overlay.chord.ChordMessage.Ping;
import io.p2ptestbed.overlay.chord.ChordMessage.Pong;
import io.p2ptestbed.overlay.chord.ChordMessage.PredecessorReply;
import io.p2ptestbed.overlay.chord.ChordMessage.SuccessorListReply;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.Cancellable;
import java.util.List;

/**
 * The periodic protocol that keeps the ring correct (the paper's Figure 6, with successor lists):
 *
 * <ul>
 *   <li><b>stabilize</b>: ask the first successor s for its predecessor x and successor list. If x lies
 *       between us and s, x becomes the first successor and we stabilize against x at once (a joiner that
 *       landed between us and s is found in one period, not one per node). Otherwise the list becomes s
 *       followed by s's list, cut to r. Then notify the first successor.</li>
 *   <li><b>repair</b>: when the first successor does not answer (after maxRetries resends) it is dropped, the
 *       second is promoted, and we ask the new first successor for its successor list at once.</li>
 *   <li><b>notify</b>: a node n' that thinks it is our predecessor becomes it when we have none or n' lies
 *       between the old one and us; keys in (old predecessor, n'] are handed over to n'.</li>
 *   <li><b>check_predecessor</b>: ping the predecessor; forget it when it stays silent.</li>
 *   <li><b>fix_fingers</b>: refresh the next finger by a lookup of id + 2^i; the fingers after it whose start
 *       the found node also succeeds take the same contact, so a full table costs about log2 N lookups.</li>
 * </ul>
 *
 * With {@code verifySuccessors}, a third party's claim is checked before it enters the successor list: a
 * candidate first successor must answer a ping under its claimed id; entries of a successor's list enter only
 * once they answered a ping themselves (fake or dead entries never do); and the second successor is asked
 * for its predecessor: if that lies between the first and second successor, the first one's list skipped a
 * node, and everything after the first successor is dropped.
 */
final class ChordMaintenance {

    /** Successive stabilize steps in one period when predecessors keep pointing closer. */
    static final int MAX_CHAIN = 8;

    private final ChordNode node;
    private final ChordTable table;
    private Cancellable stabilizeTimer;
    private Cancellable fingerTimer;
    private Cancellable predTimer;
    private int nextFinger;

    ChordMaintenance(ChordNode node) {
        this.node = node;
        this.table = node.table();
    }

    void start() {
        ChordConfig c = node.config();
        // random phases, so that nodes started together do not all stabilize in the same millisecond
        stabilizeTimer = node.scheduler().schedule(1 + node.rng().nextLong(c.stabilizeMillis()), this::stabilizeTick);
        fingerTimer = node.scheduler().schedule(1 + node.rng().nextLong(c.fixFingersMillis()), this::fingerTick);
        predTimer = node.scheduler().schedule(1 + node.rng().nextLong(c.checkPredecessorMillis()), this::predTick);
    }

    void stop() {
        for (Cancellable t : new Cancellable[] {stabilizeTimer, fingerTimer, predTimer}) {
            if (t != null) {
                t.cancel();
            }
        }
    }

    /**
     * Right after a join: stabilize against the new successor without waiting for the timer, and seed the
     * fingers from the successor's (its fingers are nearly ours: their starts differ by the small gap between
     * us), so that a joiner routes in about log N hops at once instead of after log N fix_fingers periods.
     */
    void joined() {
        Contact s = table.successor();
        stabilize(s, 0);
        node.rpc().request(s.address(), tid -> new GetFingers(tid, node.id()), 0, reply -> {
            if (reply instanceof FingersReply r && node.isRunning()) {
                java.util.ArrayList<Contact> known = new java.util.ArrayList<>(admitted(node.acceptable(r.fingers())));
                known.addAll(table.successors());
                table.seedFingers(known);
            }
        }, () -> { });
    }

    private void stabilizeTick() {
        if (!node.isRunning()) {
            return;
        }
        stabilizeTimer = node.scheduler().schedule(node.config().stabilizeMillis(), this::stabilizeTick);
        if (!table.hasSuccessor()) {
            Contact p = table.predecessor() != null ? table.predecessor() : table.anyFinger();
            if (p == null) {
                node.rejoin();
                return;
            }
            table.setSuccessors(p, List.of());
        }
        stabilize(table.successor(), 0);
    }

    private void stabilize(Contact s, int depth) {
        NodeId me = node.id();
        node.rpc().request(s.address(), tid -> new GetPredecessor(tid, me), node.config().maxRetries(), reply -> {
            if (!(reply instanceof PredecessorReply r) || !r.sender().equals(s.id()) || !s.equals(table.successor())) {
                return;
            }
            List<Contact> list = node.acceptable(r.successors());
            Contact x = r.predecessor();
            if (x != null && !x.id().equals(me) && ChordMath.between(me, x.id(), s.id()) && depth < MAX_CHAIN
                    && node.acceptable(List.of(x)).size() == 1 && node.admit(x)) {
                if (node.config().verifySuccessors()) {
                    verifyThen(x, () -> adoptCloser(x, s, list, depth), () -> accept(s, list, true));
                } else {
                    adoptCloser(x, s, list, depth);
                }
                return;
            }
            accept(s, list, x == null || !x.id().equals(me));
        }, () -> successorFailed(s));
    }

    private void adoptCloser(Contact x, Contact s, List<Contact> sList, int depth) {
        java.util.ArrayList<Contact> rest = new java.util.ArrayList<>(sList.size() + 1);
        rest.add(s);
        rest.addAll(sList);
        table.setSuccessors(x, admitted(rest));
        stabilize(x, depth + 1);
    }

    /** Takes s's list; notifies s unless s already names us as its predecessor. */
    private void accept(Contact s, List<Contact> list, boolean notify) {
        table.setSuccessors(s, admitted(list));
        if (notify) {
            node.rpc().send(s.address(), new Notify(0, node.id()));
        }
        if (node.config().verifySuccessors() && table.successors().size() >= 2) {
            crossCheck(s, table.successors().get(1));
        }
    }

    /**
     * The contacts of a received list that may enter the successor list: those the neighbour filters admit
     * and, with verifySuccessors, only those that talked to this node themselves; the others are pinged now
     * and can enter in a later round once they answered under their claimed id.
     */
    private List<Contact> admitted(List<Contact> cs) {
        boolean verify = node.config().verifySuccessors();
        java.util.ArrayList<Contact> out = new java.util.ArrayList<>(cs.size());
        for (Contact c : cs) {
            if (!node.admit(c)) {
                continue;
            }
            if (!verify || node.heard(c)) {
                out.add(c);
            } else {
                node.count(ChordCounter.VERIFY_PINGS);
                node.rpc().request(c.address(), tid -> new Ping(tid, node.id()), 0, reply -> { },
                        () -> node.count(ChordCounter.VERIFY_FAILED));
            }
        }
        return out;
    }

    /** Pings a claimed contact; it passes when it answers under the claimed id from the claimed address. */
    void verifyThen(Contact c, Runnable ok, Runnable bad) {
        node.count(ChordCounter.VERIFY_PINGS);
        node.rpc().request(c.address(), tid -> new Ping(tid, node.id()), 0, reply -> {
            if (reply instanceof Pong p && p.sender().equals(c.id())) {
                ok.run();
            } else {
                node.count(ChordCounter.VERIFY_FAILED);
                bad.run();
            }
        }, () -> {
            node.count(ChordCounter.VERIFY_FAILED);
            bad.run();
        });
    }

    /** Asks the second successor for its predecessor; one between the first and second means the list lied. */
    private void crossCheck(Contact first, Contact second) {
        node.rpc().request(second.address(), tid -> new GetPredecessor(tid, node.id()), 0, reply -> {
            if (reply instanceof PredecessorReply r && r.predecessor() != null
                    && ChordMath.between(first.id(), r.predecessor().id(), second.id())
                    && first.equals(table.successor())) {
                node.count(ChordCounter.VERIFY_INCONSISTENT);
                table.setSuccessors(first, List.of());
            }
        }, () -> { });
    }

    /**
     * The first successor is silent: promote the next one and ask it for its list at once. A node that lost
     * every successor (all r failed, or an overloaded host made them look dead) falls back to its
     * predecessor, then to any finger, then joins again through its seeds.
     */
    private void successorFailed(Contact s) {
        node.forget(s);
        if (!table.hasSuccessor()) {
            return;
        }
        Contact next = table.successor();
        node.rpc().request(next.address(), tid -> new GetSuccessorList(tid, node.id()), node.config().maxRetries(),
                reply -> {
                    if (reply instanceof SuccessorListReply r && r.sender().equals(next.id()) && next.equals(table.successor())) {
                        table.setSuccessors(next, admitted(node.acceptable(r.successors())));
                        node.rpc().send(next.address(), new Notify(0, node.id()));
                    }
                }, () -> { }); // no cascade: the next stabilize round checks it again, with retries
    }

    /** A notify from {@code from}: it becomes the predecessor when closer than the current one. */
    void onNotify(Contact from) {
        Contact p = table.predecessor();
        if (p != null && p.equals(from)) {
            return;
        }
        if ((p == null || ChordMath.between(p.id(), from.id(), node.id())) && node.admit(from)) {
            table.setPredecessor(from);
            node.store().handOverTo(from, p);
        }
    }

    private void predTick() {
        if (!node.isRunning()) {
            return;
        }
        predTimer = node.scheduler().schedule(node.config().checkPredecessorMillis(), this::predTick);
        Contact p = table.predecessor();
        if (p == null) {
            return;
        }
        node.rpc().request(p.address(), tid -> new Ping(tid, node.id()), node.config().maxRetries(), reply -> { }, () -> {
            if (p.equals(table.predecessor())) {
                node.count(ChordCounter.PREDECESSOR_FAILED);
                table.setPredecessor(null);
                node.lost(p);
            }
        });
    }

    private void fingerTick() {
        if (!node.isRunning()) {
            return;
        }
        fingerTimer = node.scheduler().schedule(node.config().fixFingersMillis(), this::fingerTick);
        if (table.hasSuccessor()) {
            for (int i = 0; i < node.config().fingersPerFix(); i++) {
                fixNextFinger();
            }
        }
    }

    /**
     * Breaks loopy rings. Concurrent joins into one gap can leave two interleaved cycles in which every node's
     * successor names it as predecessor, so stabilize alone never merges them (Liben-Nowell et al., PODC 2002).
     * Once per pass over the fingers the node looks up id + 1 starting from its farthest fingers, the long way
     * round: the path crosses into any other cycle, and an owner closer than the first successor is taken.
     */
    private void checkRing() {
        NodeId me = node.id();
        List<Contact> far = table.closestPreceding(me, ChordLookup.CANDIDATES);
        if (far.isEmpty()) {
            return;
        }
        ChordLookup.run(node, ChordMath.plusPowerOfTwo(me, 0), far, r -> {
            Contact o = r.owner();
            Contact s = table.successor();
            if (o != null && node.isRunning() && table.hasSuccessor() && ChordMath.between(me, o.id(), s.id())
                    && node.admit(o)) {
                node.count(ChordCounter.RING_REPAIRS);
                java.util.ArrayList<Contact> rest = new java.util.ArrayList<>(r.reached());
                rest.addAll(table.successors());
                table.setSuccessors(o, rest);
                stabilize(o, 0);
            }
        });
    }

    /** Fills the fingers the first successor covers, then looks up the first one it does not. */
    private void fixNextFinger() {
        NodeId me = node.id();
        Contact s = table.successor();
        int i = nextFinger;
        if (i == 0) {
            checkRing();
        }
        while (i < NodeId.BITS && ChordMath.betweenRightIncl(me, ChordMath.plusPowerOfTwo(me, i), s.id())) {
            table.setFinger(i++, s);
        }
        if (i >= NodeId.BITS) {
            nextFinger = 0;
            return;
        }
        int index = i;
        NodeId start = ChordMath.plusPowerOfTwo(me, index);
        node.routeOnThread(start).thenAccept(r -> {
            Contact f = r.owner();
            if (f == null || !node.isRunning() || f.id().equals(me) || !node.admit(f)) {
                return;
            }
            int j = index;
            while (j < NodeId.BITS && ChordMath.betweenRightIncl(me, ChordMath.plusPowerOfTwo(me, j), f.id())) {
                table.setFinger(j++, f);
            }
            if (j == index) {
                table.setFinger(j++, f); // f precedes the start: a stale answer; keep it until the next round
            }
            nextFinger = j >= NodeId.BITS ? 0 : j;
        });
        nextFinger = index + 1 >= NodeId.BITS ? 0 : index + 1;
    }
}
