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
 * paper suggests remembering nodes seen before and looking them up again. Every {@link #PERIOD_MILLIS} a node
 * notes which of its neighbours have disappeared since its last look (up to {@link #MEMORY} of them), and
 * asks one of them, at random, for its own successor. When the answer lies between the node and its current
 * first successor, the node adopts it; stabilize and notify then splice the two rings together. A
 * remembered contact is forgotten after {@link #TRIES} attempts (about ten minutes).
 */
final class ChordReunion {

    static final long PERIOD_MILLIS = 10_000;
    static final int MEMORY = 32;
    static final int TRIES = 60;

    private record Lost(Contact contact, int[] tries) {}

    private final ChordNode node;
    private final Deque<Lost> lost = new ArrayDeque<>();
    private Set<Contact> lastSeen = Set.of();
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

    private void tick() {
        if (!node.isRunning()) {
            return;
        }
        timer = node.scheduler().schedule(PERIOD_MILLIS, this::tick);
        Set<Contact> now = new HashSet<>(node.neighbours());
        for (Contact c : lastSeen) {
            if (!now.contains(c) && lost.stream().noneMatch(l -> l.contact().equals(c))) {
                if (lost.size() >= MEMORY) {
                    lost.pollFirst();
                }
                lost.addLast(new Lost(c, new int[1]));
            }
        }
        lastSeen = now;
        if (lost.isEmpty() || !node.table().hasSuccessor()) {
            return;
        }
        List<Lost> all = new ArrayList<>(lost);
        Lost pick = all.get(node.rng().nextInt(all.size()));
        if (++pick.tries()[0] >= TRIES || now.contains(pick.contact())) {
            lost.remove(pick);
        }
        NodeId me = node.id();
        node.count(ChordCounter.REUNION_LOOKUPS);
        ChordLookup.run(node, me, List.of(pick.contact()), r -> {
            Contact s = node.table().hasSuccessor() ? node.table().successor() : null;
            for (Contact c : r.reached()) {
                if (c.id() != null && !c.id().equals(me) && s != null && ChordMath.between(me, c.id(), s.id())
                        && node.admit(c)) {
                    List<Contact> rest = new ArrayList<>(node.table().successors());
                    node.table().setSuccessors(c, rest);
                    node.count(ChordCounter.REUNIONS);
                    return;
                }
            }
            // the contact's ring answered with our own successor: it is our ring, so the contact is no
            // evidence of another one (it only left our neighbours); stop looking it up
            if (s != null && r.reached().contains(s)) {
                lost.remove(pick);
            }
        });
    }
}
