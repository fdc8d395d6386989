package io.p2ptestbed.overlay.kademlia;

import java.util.Map;
import java.util.TreeMap;

/** Per-node counters. Written on the node's thread; read as a snapshot. */
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
    private final Map<String, Long> rejectReasons = new TreeMap<>();

    void rejected(String reason) {
        contactsRejected++;
        String key = reason.startsWith("id already known") ? "id already known" : reason;
        rejectReasons.merge(key, 1L, Long::sum);
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
        rejectReasons.forEach((r, n) -> m.put("rejected[" + r + "]", n));
        return m;
    }
}
