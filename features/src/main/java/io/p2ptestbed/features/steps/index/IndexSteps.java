package io.p2ptestbed.features.steps.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.features.steps.SearchTallies;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.DefenceWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.index.IndexService;
import io.p2ptestbed.harness.workload.FileSearches;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.guard.GuardSpec;
import java.util.Map;

/**
 * The central index's sentences: its capacity and its registration check, searches graded against what the
 * live peers share, the index's failure (the single point of failure), a query flood on it (the service lost),
 * and poisoning by fake registrations. Rate limiting is the neutral defence ("the defences "rate-limit" are on").
 */
public class IndexSteps {

    private final TestbedWorld world;
    private FileSearches.Tally baseline;
    private FileSearches.Tally last;
    private IndexService.Flood flood;

    public IndexSteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("the index can process at most {int} requests per second")
    public void capacity(int perSecond) {
        Steps.count("the index's capacity per second", perSecond, 1, 10_000_000);
        world.configure(s -> s.withParams(Map.of("capacity", "" + perSecond)));
    }

    @Given("the index lists a registration only after the registered address answers a probe")
    public void verify() {
        world.configure(s -> s.withParams(Map.of("verify", "true")));
    }

    @Given("every peer shares {int} files named from {int} keywords")
    public void files(int files, int keywords) {
        Steps.count("the files per peer", files, 0, 32);
        Steps.count("the keywords", keywords, 1, 1_000_000);
        world.configure(s -> s.withParams(Map.of("files", "" + files, "vocabulary", "" + keywords)));
    }

    @When("{int} searches run from random peers")
    public void searches(int count) {
        searchesOver(count, 0);
    }

    @When("{int} searches run from random peers over {int} seconds")
    public void searchesOver(int count, int seconds) {
        Steps.count("the number of searches", count, 1, 100_000);
        Steps.count("the seconds", seconds, 0, 600);
        last = IndexService.searches(runtime(), count, seconds * 1000L, world.rng("index-searches"));
        if (baseline == null) {
            baseline = last;
        }
        world.recordAll("index_", last.asMap(""));
        world.snapshot(String.format("%d searches: %.1f%% served", count, 100 * last.serviceRatio()));
    }

    @When("the index fails")
    public void indexFails() {
        NetworkRuntime rt = runtime();
        NodeHandle index = IndexService.index(rt);
        world.markVictim(index);
        rt.kill(index);
        world.snapshot("the index failed");
    }

    @When("the adversary floods the index with {int} searches per second from {int} addresses for {int} seconds while {int} searches run from random peers")
    public void flood(int perSecond, int sources, int seconds, int honest) {
        Steps.count("the flood rate per second", perSecond, 1, 100_000);
        Steps.count("the flood's source addresses", sources, 1, 254);
        Steps.count("the flood's duration in seconds", seconds, 1, 600);
        Steps.count("the number of honest searches", honest, 1, 100_000);
        NetworkRuntime rt = runtime();
        world.markVictim(IndexService.index(rt));
        long start = rt.nowMillis();
        flood = IndexService.floodWhileSearching(rt, FloodBounds.of(perSecond, seconds * 1000L), sources, honest, world.rng("index-flood"));
        last = flood.honest();
        world.record("index_flood_sent", flood.sent());
        world.interval("flood: " + perSecond + " searches/s", start, start + seconds * 1000L);
        world.recordAll("index_flood_", last.asMap(""));
        world.record("index_flood_rate", perSecond);
        world.snapshot(String.format("during the flood: %.1f%% served", 100 * last.serviceRatio()));
    }

    @When("the adversary registers {int} fake peers for every file")
    public void poison(int fakes) {
        Steps.count("the fake peers per file", fakes, 1, 1000);
        int sent = IndexService.poison(runtime(), fakes, world.rng("index-poison"));
        world.record("index_fake_registrations", sent);
        world.snapshot(sent + " fake registrations sent");
    }

    @Then("at least {double}% of the searches found a live peer sharing the file")
    public void servedAtLeast(double percent) {
        SearchTallies.servedAtLeast(tally(), percent);
    }

    @Then("fewer than {double}% of the searches found a live peer sharing the file")
    public void servedBelow(double percent) {
        SearchTallies.servedBelow(tally(), percent);
    }

    @Then("at least {double}% of the peers returned were live peers sharing the file")
    public void precisionAtLeast(double percent) {
        SearchTallies.precisionAtLeast(tally(), percent);
    }

    @Then("at most {double}% of the peers returned were live peers sharing the file")
    public void precisionAtMost(double percent) {
        SearchTallies.precisionAtMost(tally(), percent);
    }

    /** The share of the service lost: 1 - served now / served in the first batch of searches. */
    @Then("the share of service lost is at least {double}%")
    public void lostAtLeast(double percent) {
        Steps.percent("the lost-service floor", percent);
        assertThat(100 * lost()).as("service lost: now %s; before %s", tally(), baseline).isGreaterThanOrEqualTo(percent);
    }

    @Then("the share of service lost is at most {double}%")
    public void lostAtMost(double percent) {
        Steps.percent("the lost-service ceiling", percent);
        assertThat(100 * lost()).as("service lost: now %s; before %s", tally(), baseline).isLessThanOrEqualTo(percent);
    }

    /**
     * The drop count that follows from the flood's own count and the per-source token bucket: from each source address
     * the rate limit lets through at most its burst plus its rate times the time the flood's queries arrive over (the
     * flood's duration plus {@value #TAIL_SECONDS} s for queries still queued at its end): a. Of the flood's queries that
     * reached the index (the requests of the sources the limit held back, counted by the limit; at most S, what the flood
     * sent), it admits at most a and drops the rest: dropped is at least arrived - a and at most S. Every honest peer has
     * an address of its own and stays far under the rate, so every drop is the flood's. A query lost in a kernel buffer
     * before the index read it never reaches the limit: arrived / S says how much did (recorded).
     */
    @Then("the index's rate limit dropped every flood query beyond its per-source burst and rate")
    public void rateLimitDroppedTheFlood() {
        IndexService.Flood f = requireFlood();
        GuardSpec.RateLimit r = DefenceWorld.of(world).rateLimit().orElseThrow(() -> new IllegalStateException(
                "the rate limit's drops need the rate limit: use 'the defences \"rate-limit\" are on' before the start"));
        if (r.globalRate() > 0) {
            throw new IllegalStateException("this bound is for per-source rate limits; the rate limit " + r.toSpec()
                    + " also has a global bucket, which may drop honest queries");
        }
        long admittable = (long) Math.ceil(f.sourceIps() * (r.ipBurst() + r.ipRate() * spanSeconds(f)));
        Map<String, Long> c = IndexService.index(runtime()).stats();
        long dropped = c.getOrDefault("dropped.guard", 0L);
        long arrived = c.getOrDefault("rate_limit.limited.requests", 0L);
        long admitted = c.getOrDefault("rate_limit.limited.admitted", 0L);
        world.record("index_guard_dropped", dropped);
        world.record("index_guard_admittable", admittable);
        world.record("index_flood_arrived", arrived);
        world.record("index_flood_admitted", admitted);
        String why = String.format("the flood sent %d from %d address(es); %d of them reached the index's rate limit %s, "
                + "which admits at most %d in %.1f s", f.sent(), f.sourceIps(), arrived, r.toSpec(), admittable, spanSeconds(f));
        assertThat(c.getOrDefault("rate_limit.limited_sources", 0L)).as("addresses the rate limit held back: " + why)
                .isBetween(1L, (long) f.sourceIps());
        assertThat(arrived).as("the flood's queries that reached the index: " + why).isLessThanOrEqualTo(f.sent());
        assertThat(admitted).as("the flood's queries the rate limit admitted: " + why).isLessThanOrEqualTo(admittable);
        assertThat(dropped).as("queries the index's rate limit dropped: " + why)
                .isBetween(Math.max(0, arrived - admittable), f.sent());
    }

    /** Seconds after the flood's end during which its queued queries may still reach the index. */
    private static final int TAIL_SECONDS = 1;

    private static double spanSeconds(IndexService.Flood f) {
        return f.durationMillis() / 1000.0 + TAIL_SECONDS;
    }

    private IndexService.Flood requireFlood() {
        if (flood == null) {
            throw new IllegalStateException("the flood's drops need a flood: use 'the adversary floods the index with ...' first");
        }
        return flood;
    }

    private double lost() {
        if (baseline == null || baseline == last || baseline.serviceRatio() == 0) {
            throw new IllegalStateException("the service lost needs a first batch of searches to compare with: use 'N searches run "
                    + "from random peers' before the attack");
        }
        double l = Math.max(0, 1 - tally().serviceRatio() / baseline.serviceRatio());
        world.record("index_service_lost", l);
        return l;
    }

    private FileSearches.Tally tally() {
        return SearchTallies.require(last, "N searches run from random peers");
    }

    private NetworkRuntime runtime() {
        return Steps.runtimeOf(world, "index", "an index network of N nodes");
    }
}
