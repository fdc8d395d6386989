package io.p2ptestbed.overlay.kademlia;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Per-node counters. Written on the node's thread; read as a snapshot. Defences add their own counters
 * as extra sources ({@link #addSource}), merged into {@link #snapshot()} under their own key prefix.
 */
public final class NodeStats {

    long datagramsIn;
    long bytesIn;
    long datagramsOut;
    long bytesOut;
    long queriesIn;
    long queriesServed;
    long queriesDropped;
    long queriesRejected;
    long malformedIn;
    long errorsSent203;
    long errorsSent204;
    long unexpectedResponses;
    long queriesOut;
    long responsesIn;
    long errorsIn;
    long timeouts;
    long contactsAdded;
    long contactsRejected;
    long evictions;
    long announcesStored;
    long badTokens;
    /** Made on the first rejection, and {@link #sources} on the first source: most nodes never need them. */
    private Map<String, Long> rejectReasons;
    private volatile List<Supplier<Map<String, Long>>> sources = List.of();

    /**
     * Counts a routing-table rejection under its category: a reason of the form {@code "name: details"}
     * (the defences' form, e.g. {@code "ip-diversity: /24 127.201.0 has 2 in bucket 159"}) is counted as
     * {@code rejected[name]} so that the key set stays small; the full reason stays in the
     * {@link InsertOutcome.Rejected} returned to the caller and its listeners.
     */
    void rejected(String reason) {
        contactsRejected++;
        String key = reason.startsWith("id already known") ? "id already known" : category(reason);
        if (rejectReasons == null) {
            rejectReasons = new TreeMap<>();
        }
        rejectReasons.merge(key, 1L, Long::sum);
    }

    private static String category(String reason) {
        int sep = reason.indexOf(": ");
        return sep > 0 ? reason.substring(0, sep) : reason;
    }

    /** Adds a source of extra counters (a defence's), merged into every {@link #snapshot()}. */
    public void addSource(Supplier<Map<String, Long>> source) {
        synchronized (this) {
            sources = CowList.plus(sources, source);
        }
    }

    public void removeSource(Supplier<Map<String, Long>> source) {
        synchronized (this) {
            sources = CowList.minus(sources, source);
        }
    }

    public long queriesIn() {
        return queriesIn;
    }

    public long queriesServed() {
        return queriesServed;
    }

    public long queriesDropped() {
        return queriesDropped;
    }

    public long queriesRejected() {
        return queriesRejected;
    }

    public long malformedIn() {
        return malformedIn;
    }

    public long timeouts() {
        return timeouts;
    }

    public long datagramsOut() {
        return datagramsOut;
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        m.put("datagrams_in", datagramsIn);
        m.put("bytes_in", bytesIn);
        m.put("datagrams_out", datagramsOut);
        m.put("bytes_out", bytesOut);
        m.put("queries_in", queriesIn);
        m.put("queries_served", queriesServed);
        m.put("queries_dropped", queriesDropped);
        m.put("queries_rejected_202", queriesRejected);
        m.put("malformed_in", malformedIn);
        m.put("errors_sent_203", errorsSent203);
        m.put("errors_sent_204", errorsSent204);
        m.put("unexpected_responses", unexpectedResponses);
        m.put("queries_out", queriesOut);
        m.put("responses_in", responsesIn);
        m.put("errors_in", errorsIn);
        m.put("timeouts", timeouts);
        m.put("contacts_added", contactsAdded);
        m.put("contacts_rejected", contactsRejected);
        m.put("evictions", evictions);
        m.put("announces_stored", announcesStored);
        m.put("bad_tokens", badTokens);
        if (rejectReasons != null) {
            rejectReasons.forEach((r, n) -> m.put("rejected[" + r + "]", n));
        }
        sources.forEach(s -> m.putAll(s.get()));
        return m;
    }
}
