package io.p2ptestbed.harness.attack;

import java.util.Map;
import java.util.TreeMap;

/**
 * Lookups graded in the S/Kademlia sense: a lookup succeeds when its result contains the true closest
 * honest live node to the target (the lookup's origin excluded).
 *
 * @param lookups     lookups run
 * @param successes   of those, results containing the true closest honest node
 * @param unanswered  lookups that returned nothing (dead origin or harness timeout)
 * @param adversarial adversary contacts among all returned contacts
 * @param returned    contacts returned in total
 * @param queries     queries sent by all lookups
 * @param millis      summed lookup durations (runtime time)
 */
public record LookupTally(int lookups, int successes, int unanswered, long adversarial, long returned, long queries,
                          long millis) {

    public static final LookupTally EMPTY = new LookupTally(0, 0, 0, 0, 0, 0, 0);

    public double successRate() {
        return lookups == 0 ? Double.NaN : (double) successes / lookups;
    }

    /** Share of adversary contacts in the lookups' results. */
    public double adversarialShare() {
        return returned == 0 ? 0 : (double) adversarial / returned;
    }

    public double meanQueries() {
        int answered = lookups - unanswered;
        return answered == 0 ? Double.NaN : (double) queries / answered;
    }

    public double meanMillis() {
        int answered = lookups - unanswered;
        return answered == 0 ? Double.NaN : (double) millis / answered;
    }

    public LookupTally plus(LookupTally o) {
        return new LookupTally(lookups + o.lookups, successes + o.successes, unanswered + o.unanswered,
                adversarial + o.adversarial, returned + o.returned, queries + o.queries, millis + o.millis);
    }

    /** Metrics for the report, each name prefixed. */
    public Map<String, Double> asMap(String prefix) {
        Map<String, Double> m = new TreeMap<>();
        m.put(prefix + "lookups", (double) lookups);
        m.put(prefix + "lookup_success", successRate());
        m.put(prefix + "lookups_unanswered", (double) unanswered);
        m.put(prefix + "result_adversary_share", adversarialShare());
        m.put(prefix + "messages_mean", meanQueries());
        m.put(prefix + "latency_mean_ms", meanMillis());
        return m;
    }

    @Override
    public String toString() {
        return String.format("%d/%d lookups found the closest honest node (%.1f%%), %d unanswered, %.1f%% adversary "
                + "contacts in results, %.1f queries and %.0f ms per lookup", successes, lookups, 100 * successRate(),
                unanswered, 100 * adversarialShare(), meanQueries(), meanMillis());
    }
}
