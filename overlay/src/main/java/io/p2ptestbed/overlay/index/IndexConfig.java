package io.p2ptestbed.overlay.index;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/**
 * A central-index node's parameters (all settable per scenario).
 *
 * @param files          files a peer shares, named {@code kw<r>} with r drawn from the seed below {@code vocabulary}
 * @param vocabulary     how many distinct file names there are
 * @param answerSize     peers in one answer at most: a random subset of those registered for the file (a tracker's numwant)
 * @param announceMillis how often a peer registers again (a tracker's announce interval)
 * @param expiryMillis   how long a registration stays listed without a new one
 * @param capacity       requests per second the index can process (accounted per 100 ms window, excess dropped: a modelled
 *                       CPU budget, as the simulator has none); 0: unlimited
 * @param verify         defence: list a registration only after the registered address answers a probe carrying the
 *                       registration's transaction id (a reachability check)
 * @param timeoutMillis  how long a peer waits for an answer before it retries once, then gives up
 */
public record IndexConfig(int files, int vocabulary, int answerSize, long announceMillis, long expiryMillis, int capacity,
                          boolean verify, long timeoutMillis) {

    public static IndexConfig defaults() {
        return new IndexConfig(3, 50, 5, 60_000, 180_000, 0, false, 1_000);
    }

    public Map<String, String> toParams() {
        return ProtocolParams.valuesOf(this);
    }

    public static IndexConfig of(ProtocolParams p) {
        return new IndexConfig(p.intValue("files", 0, IndexCodec.MAX_NAMES), p.intValue("vocabulary", 1, 1_000_000),
                p.intValue("answerSize", 1, IndexCodec.MAX_PEERS), p.longValue("announceMillis", 100, 86_400_000L),
                p.longValue("expiryMillis", 100, 86_400_000L), p.intValue("capacity", 0, 10_000_000), p.bool("verify"),
                p.longValue("timeoutMillis", 10, 600_000));
    }
}
