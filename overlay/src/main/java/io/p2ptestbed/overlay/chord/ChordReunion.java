package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.time.Cancellable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recovery from a network partition. Stabilisation alone never merges two rings that formed while the
 * network was split: each side's successor pointers close on their own side. The ToN version of the Chord
 * paper suggests remembering nodes seen before and looking them up again. A node remembers the neighbours
 * that stopped answering it (up to {@link #MEMORY} of them: a request timed out for good, or check_predecessor
 * failed), and every {@link #PERIOD_MILLIS} asks one of them, at random, for its own successor. When the answer lies between the node and its current
 * first successor, the node adopts it; stabilize and notify then splice the two rings together. A
 * remembered contact is forgotten after {@link #TRIES} attempts (about ten minutes), when it is a neighbour
 * again, or when its answer is this node's own first successor (it is in this ring).
 */
final class ChordReunion {

    static final long PERIOD_MILLIS = 10_000;
    static final int MEMORY = 32;
    static final int TRIES = 60;

    private record Lost(Contact contact, int[] tries) {}

    private final ChordNode node;
    private final Deque<Lost> lost = new ArrayDeque<>();
    private Cancellable timer;

    ChordReunion(ChordNode node) {
        this.node = node;
    }

    void start() {
        timer = node.scheduler().schedule(1 + node.rng().nextLong(PERIOD_MILLIS), this::tick);
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }

    /**
     * A neighbour stopped answering (a request to it timed out for good, or check_predecessor failed): remember
     * it. Neighbours that were only replaced by closer nodes are alive and in this ring, so they are not.
     */
    void failed(Contact c) {
        if (c == null || c.id() == null || lost.stream().anyMatch(l -> l.contact().equals(c))) {
            return;
        }
        if (lost.size() >= MEMORY) {
            lost.pollFirst();
        }
        lost.addLast(new Lost(c, new int[1]));
    }

    private void tick() {
        if (!node.isRunning()) {
            return;
        }
        timer = node.scheduler().schedule(PERIOD_MILLIS, this::tick);
        if (lost.isEmpty() || !node.table().hasSuccessor()) {
            return;
        }
        Set<Contact> now = new HashSet<>(node.neighbours());
        List<Lost> all = new ArrayList<>(lost);
        Lost pick = all.get(node.rng().nextInt(all.size()));
        if (now.contains(pick.contact())) {
            lost.remove(pick);
        }
        // the last try's lookup forgets the contact when done (a timeout inside it would remember it again)
        boolean last = ++pick.tries()[0] >= TRIES;
        NodeId me = node.id();
        node.count(ChordCounter.REUNION_LOOKUPS);
        ChordLookup.run(node, me, List.of(pick.contact()), r -> {
            Contact s = node.table().hasSuccessor() ? node.table().successor() : null;
            // forgotten after its last try, or when its answer names our own first successor: then it is in
            // our ring (it answered again) and no evidence of another one
            if (last || (s != null && r.reached().contains(s))) {
                lost.remove(pick);
            }
            for (Contact c : r.reached()) {
                if (c.id() != null && !c.id().equals(me) && s != null && ChordMath.between(me, c.id(), s.id())
                        && node.admit(c)) {
                    List<Contact> rest = new ArrayList<>(node.table().successors());
                    node.table().setSuccessors(c, rest);
                    node.count(ChordCounter.REUNIONS);
                    return;
                }
            }
        });
    }
}
