package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryMessage.Audit;
import io.p2ptestbed.overlay.pastry.PastryMessage.AuditKind;
import io.p2ptestbed.overlay.pastry.PastryMessage.AuditRelay;
import io.p2ptestbed.overlay.pastry.PastryMessage.AuditSet;
import io.p2ptestbed.overlay.pastry.PastryMessage.Link;
import io.p2ptestbed.overlay.pastry.PastryMessage.Linked;
import io.p2ptestbed.overlay.time.Cancellable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Degree bounds enforced by anonymous auditing (Singh, Ngan, Druschel and Wallach, INFOCOM 2006), installed on a
 * {@link PastryNode} when {@code degreeBound} &gt; 0.
 * <ul>
 *   <li>Every node keeps, beside its routing table (its out-links), a back-pointer set: the nodes that hold it in
 *   their routing table. A node that puts X in its table tells X ({@link Link}); X accepts while its back-pointers are
 *   fewer than the bound, and refuses otherwise ({@link Linked}), and the node then takes X out again and keeps it
 *   out for {@link #REFUSED_MILLIS}. A node's own table never grows past the bound (out-degree).</li>
 *   <li>With {@code audit=on}, every {@code auditMillis} the node audits one random acknowledged table entry T (T's
 *   back-pointer set must hold at most the bound and include the auditor) and one random back-pointer B (B's
 *   neighbour set likewise). Each of {@code auditChallenges} challenges goes through its own anonymizer, a random
 *   member of the auditor's leaf set ({@link AuditRelay}): the anonymizer challenges the target ({@link Audit}) and
 *   passes the answer ({@link AuditSet}) back, so the target cannot tell who audits it. One failed challenge fails
 *   the audit: the target is dropped from the table and the back-pointers and never taken into the table again
 *   ({@code defence.pastry.audit_failed}). A challenge that times out counts for nothing.</li>
 * </ul>
 * Single-threaded: everything runs on the node's scheduler.
 */
final class PastryDegreeAudit implements PastryState.TableListener, PastryDegreeView {

    /** How long a node that refused our link stays out of our table. */
    static final long REFUSED_MILLIS = 60_000;
    private static final int MAX_REFUSED = 1024;
    /** Relays an anonymizer runs at once (a bound on what others can make it send). */
    private static final int MAX_RELAYS = 256;

    private final PastryNode node;
    private final PastryAuditConfig config;
    private final Set<Contact> table = new LinkedHashSet<>();
    private final Set<Contact> acknowledged = new LinkedHashSet<>();
    private final Set<Contact> backPointers = new LinkedHashSet<>();
    private final Set<NodeId> banned = new LinkedHashSet<>();
    private final Map<Contact, Long> refusedUntil = new LinkedHashMap<>();
    /**
     * The tid of the last link message taken from each node: a node's tids increase, and datagrams may overtake each
     * other, so an add that arrives after a later remove (or the reverse) is stale and ignored.
     */
    private final Map<NodeId, Integer> lastLink = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, Integer> eldest) {
            return size() > 4096;
        }
    };
    private final long[] counts = new long[Count.values().length];
    private Cancellable timer;
    private int relays;

    private enum Count {
        LINKS_REFUSED("defence.pastry.links_refused"),
        REFUSED_BY_OTHERS("defence.pastry.links_refused_by_others"),
        AUDITS("defence.pastry.audits"),
        CHALLENGES("defence.pastry.audit_challenges"),
        CHALLENGES_FAILED("defence.pastry.audit_challenges_failed"),
        AUDIT_FAILED("defence.pastry.audit_failed"),
        RELAYED("defence.pastry.audit_relayed");

        final String key;

        Count(String key) {
            this.key = key;
        }
    }

    PastryDegreeAudit(PastryNode node, PastryAuditConfig config) {
        this.node = node;
        this.config = config;
    }

    private void count(Count c) {
        counts[c.ordinal()]++;
    }

    Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Count c : Count.values()) {
            m.put(c.key, counts[c.ordinal()]);
        }
        m.put("defence.pastry.back_pointers", (long) backPointers.size());
        return m;
    }

    void start() {
        if (config.audit()) {
            timer = node.schedule(1 + node.rng().nextLong(config.auditMillis()), this::auditRound);
        }
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    // ---------------------------------------------------------------- the bound, as the table changes

    @Override
    public boolean admit(Contact c, boolean emptySlot) {
        if (banned.contains(c.id())) {
            return false;
        }
        Long until = refusedUntil.get(c);
        if (until != null) {
            if (until > node.scheduler().nowMillis()) {
                return false;
            }
            refusedUntil.remove(c);
        }
        return !emptySlot || within(table, c);
    }

    /**
     * Whether {@code set} has room for {@code c} under the bound: fewer than the bound in all, or (per row) fewer than
     * the bound in the row {@code c} shares with this node. A back-pointer Y holds this node in row sharedDigits(Y, self)
     * of its table, and this node would hold c in row sharedDigits(self, c): the same count of shared digits.
     */
    private boolean within(Collection<Contact> set, Contact c) {
        if (!config.degreeBoundPerRow()) {
            return set.size() < config.degreeBound();
        }
        int row = PastryIds.sharedDigits(node.id(), c.id(), node.config().b());
        int inRow = 0;
        for (Contact x : set) {
            inRow += PastryIds.sharedDigits(node.id(), x.id(), node.config().b()) == row ? 1 : 0;
        }
        return inRow < config.degreeBound();
    }

    @Override
    public void changed(Contact added, Contact dropped) {
        if (dropped != null && table.remove(dropped)) {
            acknowledged.remove(dropped);
            node.rpc().send(dropped.address(), new Link(node.rpc().newTid(), node.id(), false));
        }
        if (added != null && table.add(added)) {
            node.rpc().request(added.address(), new Link(node.rpc().newTid(), node.id(), true), reply -> {
                if (!(reply.message() instanceof Linked l) || !table.contains(added)) {
                    return;
                }
                if (l.accepted()) {
                    acknowledged.add(added);
                } else {
                    count(Count.REFUSED_BY_OTHERS);
                    if (refusedUntil.size() >= MAX_REFUSED) {
                        refusedUntil.remove(refusedUntil.keySet().iterator().next());
                    }
                    refusedUntil.put(added, node.scheduler().nowMillis() + REFUSED_MILLIS);
                    node.dropFromTable(added);
                }
            }, () -> { });
        }
    }

    /** A contact did not answer: it leaves the back-pointers too. */
    void failed(Contact c) {
        backPointers.remove(c);
    }

    // ---------------------------------------------------------------- inbound

    /** Handles a link or audit request; false for anything else (replies go to the node's pending requests). */
    boolean onMessage(Contact sender, PastryMessage m) {
        if (m instanceof Link l) {
            onLink(sender, l);
        } else if (m instanceof Audit a) {
            List<Contact> set = a.kind() == AuditKind.IN ? new ArrayList<>(backPointers) : new ArrayList<>(table);
            node.rpc().send(sender.address(), new AuditSet(a.tid(), node.id(), a.kind(),
                    set.size() > PastryConfig.MAX_SET ? set.subList(0, PastryConfig.MAX_SET) : set));
        } else if (m instanceof AuditRelay r) {
            relay(sender, r);
        } else {
            return false;
        }
        return true;
    }

    private void onLink(Contact sender, Link l) {
        Integer last = lastLink.get(sender.id());
        if (last != null && l.tid() - last <= 0) {
            return; // overtaken by a later link message of the same node
        }
        lastLink.put(sender.id(), l.tid());
        if (!l.add()) {
            backPointers.remove(sender);
            return;
        }
        boolean ok = backPointers.contains(sender)
                || !banned.contains(sender.id()) && within(backPointers, sender);
        if (ok) {
            backPointers.add(sender);
        } else {
            count(Count.LINKS_REFUSED);
        }
        node.rpc().send(sender.address(), new Linked(l.tid(), node.id(), ok));
    }

    /** As the anonymizer: challenge the target in our own name and pass its answer to the auditor. */
    private void relay(Contact auditor, AuditRelay r) {
        if (relays >= MAX_RELAYS || r.target().address().equals(node.address())) {
            return;
        }
        relays++;
        count(Count.RELAYED);
        node.rpc().request(r.target().address(), new Audit(node.rpc().newTid(), node.id(), r.kind()), reply -> {
            relays--;
            if (reply.message() instanceof AuditSet s && s.sender().equals(r.target().id())) {
                node.rpc().send(auditor.address(), new AuditSet(r.tid(), node.id(), r.kind(), s.contacts()));
            }
        }, () -> relays--);
    }

    // ---------------------------------------------------------------- auditing

    private void auditRound() {
        if (!node.isRunning()) {
            return;
        }
        audit(pick(new ArrayList<>(acknowledged)), AuditKind.IN);
        audit(pick(new ArrayList<>(backPointers)), AuditKind.OUT);
        timer = node.schedule(config.auditMillis(), this::auditRound);
    }

    private Contact pick(List<Contact> from) {
        return from.isEmpty() ? null : from.get(node.rng().nextInt(from.size()));
    }

    /** One audit of {@code target}: {@code auditChallenges} challenges, each through a random leaf as anonymizer. */
    private void audit(Contact target, AuditKind kind) {
        if (target == null) {
            return;
        }
        List<Contact> anonymizers = new ArrayList<>(node.state().leafSet());
        anonymizers.remove(target);
        if (anonymizers.isEmpty()) {
            return;
        }
        count(Count.AUDITS);
        int[] pending = {config.auditChallenges()};
        boolean[] failed = {false};
        for (int i = 0; i < config.auditChallenges(); i++) {
            Contact via = anonymizers.get(node.rng().nextInt(anonymizers.size()));
            count(Count.CHALLENGES);
            node.rpc().request(via.address(), new AuditRelay(node.rpc().newTid(), node.id(), kind, target), reply -> {
                if (reply.message() instanceof AuditSet s && !passes(target, s.contacts())) {
                    count(Count.CHALLENGES_FAILED);
                    failed[0] = true;
                }
                done(target, pending, failed);
            }, () -> done(target, pending, failed));
        }
    }

    /**
     * The answer holds at most the bound (per row: at most the bound in each row, the row of a contact being the digits
     * it shares with the target) and names this node.
     */
    private boolean passes(Contact target, List<Contact> set) {
        if (!config.degreeBoundPerRow() && set.size() > config.degreeBound()) {
            return false;
        }
        if (config.degreeBoundPerRow()) {
            Map<Integer, Integer> perRow = new HashMap<>();
            for (Contact c : set) {
                if (perRow.merge(PastryIds.sharedDigits(target.id(), c.id(), node.config().b()), 1, Integer::sum)
                        > config.degreeBound()) {
                    return false;
                }
            }
        }
        for (Contact c : set) {
            if (c.id().equals(node.id())) {
                return true;
            }
        }
        return false;
    }

    private void done(Contact target, int[] pending, boolean[] failed) {
        if (--pending[0] > 0 || !failed[0] || !node.isRunning()) {
            return;
        }
        // the audit failed: drop the target everywhere it counts against the bound, and keep it out
        if (!banned.add(target.id())) {
            return;
        }
        count(Count.AUDIT_FAILED);
        backPointers.remove(target);
        node.dropFromTable(target);
    }

    // ---------------------------------------------------------------- view

    @Override
    public PastryAuditConfig auditConfig() {
        return config;
    }

    @Override
    public List<Contact> backPointers() {
        return List.copyOf(backPointers);
    }

    @Override
    public Set<NodeId> banned() {
        return java.util.Collections.unmodifiableSet(banned);
    }
}
