package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.workload.FileSearches;

/**
 * The checks on a batch of file searches ({@link FileSearches.Tally}) that every overlay answering searches shares (a
 * central index, super-peers): the share of searches served and the precision of the peers returned, each against a
 * floor or a ceiling in percent. The overlays' steps word the sentences (peers or leaves) and call these.
 */
public final class SearchTallies {

    private SearchTallies() {}

    /** The last batch of searches, or an error that says how to run one. */
    public static FileSearches.Tally require(FileSearches.Tally last, String runThem) {
        if (last == null) {
            throw new IllegalStateException("no searches have run yet: use '" + runThem + "'");
        }
        return last;
    }

    public static void servedAtLeast(FileSearches.Tally t, double percent) {
        assertThat(measured("the service floor", percent, t.serviceRatio())).as("%s", t).isGreaterThanOrEqualTo(percent);
    }

    public static void servedBelow(FileSearches.Tally t, double percent) {
        assertThat(measured("the service ceiling", percent, t.serviceRatio())).as("%s", t).isLessThan(percent);
    }

    public static void precisionAtLeast(FileSearches.Tally t, double percent) {
        assertThat(measured("the precision floor", percent, t.precision())).as("%s", t).isGreaterThanOrEqualTo(percent);
    }

    public static void precisionAtMost(FileSearches.Tally t, double percent) {
        assertThat(measured("the precision ceiling", percent, t.precision())).as("%s", t).isLessThanOrEqualTo(percent);
    }

    /** The measured ratio in percent, once the bound ({@code what}) is checked to be a percentage. */
    private static double measured(String what, double percent, double ratio) {
        Steps.percent(what, percent);
        return 100 * ratio;
    }
}
