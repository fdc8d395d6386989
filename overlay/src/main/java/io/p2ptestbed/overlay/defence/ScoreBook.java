package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Scores and bans of the {@link Reputation} defence, on virtual time. A score decays towards 0 with the
 * configured half-life (computed with {@link StrictMath} so runs replay bit for bit on any JVM). A ban
 * covers both the id and the ip:port it was seen at, so the banned endpoint cannot come back under a
 * fresh id before the ban expires. Single-threaded (the node's thread).
 */
final class ScoreBook {

    private static final class Score {
        double value;
        long at;
    }

    private static final int PRUNE_ABOVE = 16_384;

    private final ReputationConfig config;
    private final Map<NodeId, Score> scores = new HashMap<>();
    private final Map<NodeId, Long> bannedIds = new HashMap<>();
    private final Map<NodeAddress, Long> bannedAddresses = new HashMap<>();

    ScoreBook(ReputationConfig config) {
        this.config = config;
    }

    double score(NodeId id, long now) {
        Score s = scores.get(id);
        return s == null ? 0 : decayed(s, now);
    }

    /** Adds {@code delta} (capped at the maximum score) and returns the new score. */
    double add(NodeId id, double delta, long now) {
        Score s = scores.get(id);
        if (s == null) {
            if (scores.size() >= PRUNE_ABOVE) {
                prune(now);
            }
            s = new Score();
            scores.put(id, s);
        }
        s.value = Math.min(config.maxScore(), decayed(s, now) + delta);
        s.at = now;
        return s.value;
    }

    void ban(Contact c, long now) {
        long until = now + config.banMillis();
        bannedIds.put(c.id(), until);
        bannedAddresses.put(c.address(), until);
        scores.remove(c.id());
    }

    /** When the ban on this contact's id or address ends, or -1 when it is not banned. */
    long bannedUntil(Contact c, long now) {
        return Math.max(until(bannedIds, c.id(), now), until(bannedAddresses, c.address(), now));
    }

    boolean isBannedId(NodeId id, long now) {
        return until(bannedIds, id, now) >= 0;
    }

    /** Ids banned at {@code now} (read-only: expired bans are dropped lazily elsewhere). */
    int bannedCount(long now) {
        int n = 0;
        for (long u : bannedIds.values()) {
            if (u > now) {
                n++;
            }
        }
        return n;
    }

    int tracked() {
        return scores.size();
    }

    private static <K> long until(Map<K, Long> bans, K key, long now) {
        Long u = bans.get(key);
        if (u == null) {
            return -1;
        }
        if (u <= now) {
            bans.remove(key);
            return -1;
        }
        return u;
    }

    private double decayed(Score s, long now) {
        long dt = now - s.at;
        return dt <= 0 ? s.value : s.value * StrictMath.pow(0.5, (double) dt / config.halfLifeMillis());
    }

    /** Forgets scores that have decayed to almost nothing. */
    private void prune(long now) {
        scores.values().removeIf(s -> Math.abs(decayed(s, now)) < 0.05);
    }
}
