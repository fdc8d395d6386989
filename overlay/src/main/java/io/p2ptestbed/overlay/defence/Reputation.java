package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.ContactPolicy;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.kademlia.NodeListener;
import io.p2ptestbed.overlay.kademlia.QueryFailure;
import io.p2ptestbed.overlay.kademlia.RoutingTable;
import io.p2ptestbed.overlay.krpc.KrpcError;
import io.p2ptestbed.overlay.krpc.KrpcResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A reputation score per contact, from what the node itself observes (see {@link Offence}): timeouts,
 * errors, malformed datagrams, bogus contacts in replies, misrouting, and dead or fabricated referrals.
 * A contact at or below the threshold is evicted and banned for a stretch of virtual time; the ban is a
 * routing-table rejection plus a lookup filter. Lookups also prefer well-reputed contacts: among the
 * not-yet-queried candidates in the k-closest window, contacts with a negative score are queried last.
 *
 * <p><b>Misrouting</b> is judged when a lookup ends, not when the reply arrives. In a converged Kademlia
 * network, a node asked for a target returns at least one node closer to the target than itself
 * whenever its bucket covering the target is non-empty; a reply with none is normal only when the
 * responder is (near) the closest. So a reply naming no closer node is recorded, and penalised only if
 * the lookup then found a node closer than the responder, proving the way forward existed. An attacker
 * that returns live, far-away nodes is caught this way; one that returns fabricated "closer" contacts is
 * caught by the dead/fake referrals those cause. Colluding Sybils that answer each other with live,
 * ever-closer Sybils look like progress to this rule; disjoint lookups address that case.
 *
 * <p>Counters ({@code defence.reputation.*}): {@code penalty.<offence>}, {@code rewards}, {@code bans},
 * {@code banned_now}, {@code tracked}, {@code rejected} (table), {@code lookup_filtered},
 * {@code misroute_excused}, {@code malformed_unattributed}.
 */
public final class Reputation implements Defence, NodeListener, ContactPolicy {

    private static final int MAX_ADDRESS_INDEX = 65_536;

    private final ReputationConfig config;
    private final ScoreBook book;
    private final Counters counters;
    private final SingleNode node = new SingleNode();
    private final Predicate<Contact> lookupFilter = this::admitsToLookup;
    private final ToIntFunction<Contact> ranking = this::rank;
    private final Map<NodeAddress, NodeId> idAt = new HashMap<>();
    private final Map<NodeId, List<Contact>> noProgress = new HashMap<>();

    public Reputation(ReputationConfig config) {
        this.config = config;
        this.book = new ScoreBook(config);
        List<String> initial = new ArrayList<>(List.of("rewards", "bans", "banned_now", "tracked", "rejected",
                "lookup_filtered", "misroute_excused", "malformed_unattributed"));
        for (Offence o : Offence.values()) {
            initial.add("penalty." + o.key());
        }
        this.counters = new Counters("reputation", initial.toArray(String[]::new));
    }

    @Override
    public String name() {
        return ReputationConfig.NAME;
    }

    @Override
    public void install(KademliaNode n) {
        node.bind(n, name());
        n.table().addPolicy(this);
        n.addLookupFilter(lookupFilter);
        n.setLookupRanking(ranking);
        n.addListener(this);
    }

    @Override
    public void uninstall(KademliaNode n) {
        n.table().removePolicy(this);
        n.removeLookupFilter(lookupFilter);
        n.setLookupRanking(null);
        n.removeListener(this);
        node.release(n);
    }

    // ---------------------------------------------------------------- queries for tests and reports

    /** The contact's current (decayed) score; 0 when unknown. */
    public double score(NodeId id) {
        return book.score(id, now());
    }

    public boolean isBanned(Contact c) {
        return book.bannedUntil(c, now()) >= 0;
    }

    public boolean isBanned(NodeId id) {
        return book.isBannedId(id, now());
    }

    // ---------------------------------------------------------------- observations

    @Override
    public void onResponse(Contact from, KrpcResponse response) {
        remember(from);
        if (!isBanned(from) && config.reward() > 0) {
            book.add(from.id(), config.reward(), now());
            counters.inc("rewards");
        }
    }

    @Override
    public void onTimeout(Contact contact) {
        penalise(contact, Offence.TIMEOUT);
    }

    @Override
    public void onError(Contact from, KrpcError error) {
        penalise(from, Offence.ERROR);
    }

    @Override
    public void onMalformed(NodeAddress from) {
        NodeId id = idAt.get(from);
        if (id == null) {
            counters.inc("malformed_unattributed");
        } else {
            penalise(new Contact(id, from), Offence.MALFORMED);
        }
    }

    @Override
    public void onLookupReply(Contact from, NodeId target, KrpcResponse r) {
        boolean closer = false;
        boolean bogus = false;
        for (Contact c : r.nodes()) {
            bogus |= c.address().ip() == 0 || c.address().port() == 0;
            closer |= target.compareDistance(c.id(), from.id()) < 0;
        }
        if (bogus) {
            penalise(from, Offence.BOGUS_CONTACT);
        }
        if (!closer && r.values().isEmpty()) {
            noProgress.computeIfAbsent(target, t -> new ArrayList<>(2)).add(from);
        }
    }

    @Override
    public void onLookupFailure(Contact queried, Contact referrer, NodeId target, QueryFailure why) {
        if (referrer == null) {
            return;
        }
        if (why == QueryFailure.TIMEOUT) {
            penalise(referrer, Offence.DEAD_REFERRAL);
        } else if (why == QueryFailure.WRONG_ID) {
            penalise(referrer, Offence.FAKE_REFERRAL);
        }
    }

    @Override
    public void onLookupFinished(LookupResult result) {
        List<Contact> suspects = noProgress.remove(result.target());
        if (suspects == null) {
            return;
        }
        Contact best = result.closest().isEmpty() ? null : result.closest().get(0);
        for (Contact s : suspects) {
            if (best != null && result.target().compareDistance(best.id(), s.id()) < 0) {
                penalise(s, Offence.MISROUTE);
            } else {
                counters.inc("misroute_excused");
            }
        }
    }

    // ---------------------------------------------------------------- enforcement

    @Override
    public Optional<String> check(Contact candidate, RoutingTable table, int bucket) {
        long until = book.bannedUntil(candidate, now());
        if (until < 0) {
            return Optional.empty();
        }
        counters.inc("rejected");
        return Optional.of(ReputationConfig.NAME + ": " + candidate + " banned until " + until + " ms");
    }

    private boolean admitsToLookup(Contact c) {
        if (book.bannedUntil(c, now()) < 0) {
            return true;
        }
        counters.inc("lookup_filtered");
        return false;
    }

    /** Lower ranks are queried first: 0 for contacts in good standing, more the lower the score. */
    private int rank(Contact c) {
        double s = book.score(c.id(), now());
        return s >= 0 ? 0 : (int) Math.ceil(-s);
    }

    private void penalise(Contact c, Offence o) {
        long now = now();
        if (book.bannedUntil(c, now) >= 0) {
            return;
        }
        remember(c);
        counters.inc("penalty." + o.key());
        double score = book.add(c.id(), -config.penalty(o), now);
        if (score <= config.banThreshold()) {
            book.ban(c, now);
            counters.inc("bans");
            KademliaNode n = node.get();
            if (n != null) {
                n.evict(c.id());
            }
        }
    }

    private void remember(Contact c) {
        if (idAt.size() >= MAX_ADDRESS_INDEX) {
            idAt.clear();
        }
        idAt.put(c.address(), c.id());
    }

    private long now() {
        KademliaNode n = node.get();
        return n == null ? 0 : n.scheduler().nowMillis();
    }

    @Override
    public Map<String, Long> counters() {
        counters.set("banned_now", book.bannedCount(now()));
        counters.set("tracked", book.tracked());
        return counters.snapshot();
    }
}
