package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** One k-bucket: live entries ordered least-recently-seen first, plus a replacement cache. */
final class KBucket {

    final List<RoutingEntry> entries = new ArrayList<>(4);
    final Deque<Contact> replacements = new ArrayDeque<>(0);
    long lastChanged;

    RoutingEntry find(NodeId id) {
        for (RoutingEntry e : entries) {
            if (e.contact().id().equals(id)) {
                return e;
            }
        }
        return null;
    }

    void touch(RoutingEntry e, long now) {
        e.seen(now);
        entries.remove(e);
        entries.add(e);
        lastChanged = now;
    }

    void addReplacement(Contact c, int max) {
        if (max == 0) {
            return;
        }
        for (Contact r : replacements) {
            if (r.id().equals(c.id())) {
                replacements.remove(r);
                break;
            }
        }
        replacements.addLast(c);
        while (replacements.size() > max) {
            replacements.removeFirst();
        }
    }

    RoutingEntry firstBad(int maxFailures) {
        for (RoutingEntry e : entries) {
            if (e.failures() >= maxFailures) {
                return e;
            }
        }
        return null;
    }
}
