package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.workload.Churn;
import java.util.List;

/** Churn steps: nodes fail, restart, join; lookups must recover. */
public class ChurnSteps {

    private final TestbedWorld world;
    private long failedAt = -1;
    private List<NodeHandle> killed = List.of();

    public ChurnSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("{int}% of the nodes fail at once")
    public void nodesFail(int percent) {
        Steps.share("the share of nodes that fail", percent);
        failedAt = world.runtime().nowMillis();
        killed = Churn.killFraction(world.runtime(), percent / 100.0, world.rng("churn"));
        world.record("nodes_failed", killed.size());
        world.snapshot(percent + "% of nodes failed");
    }

    @When("the failed nodes restart")
    public void failedNodesRestart() {
        killed.forEach(world.runtime()::restart);
        world.snapshot("failed nodes restarted");
    }

    @When("{int} new nodes join")
    public void newNodesJoin(int count) {
        Steps.count("the number of new nodes", count, 1, 100_000);
        for (int i = 0; i < count; i++) {
            world.runtime().join();
        }
    }

    @Then("lookups recover to at least {double}% success within {int} minutes")
    public void lookupsRecover(double percent, int minutes) {
        Steps.percent("the lookup success to recover to", percent);
        Steps.count("the minutes to recover within", minutes, 1, 24 * 60);
        if (failedAt < 0) {
            throw new IllegalStateException("no failure happened in this scenario: use 'N% of the nodes fail at once' first");
        }
        Churn.Recovery r = Churn.measureRecovery(world.runtime(), percent / 100.0, 30_000, minutes * 60_000L, 300,
                world.rng("recovery"), round -> {
                    world.record("success_at_" + round.atMillis() / 1000 + "s", round.stats().successRate());
                    world.snapshot(String.format("%.1f%% success %ds after failure", round.stats().successRate() * 100,
                            round.atMillis() / 1000));
                });
        world.interval("churn: " + killed.size() + " nodes failed", failedAt, world.runtime().nowMillis());
        world.lastLookups(r.rounds().get(r.rounds().size() - 1).stats());
        world.record("recovery_ms", r.recoveredAtMillis());
        double first = r.rounds().get(0).stats().successRate();
        world.record("success_right_after_failure", first);
        if (r.recoveredAtMillis() == 0) {
            throw new AssertionError(String.format("nothing to recover from: right after %d nodes failed, %.1f%% of %d lookups "
                    + "already succeeded (at least %.1f%% was asked), so recovery_ms 0 proves nothing. Fail more nodes, or "
                    + "assert that lookups still succeed right after the failure ('N random lookups run' and "
                    + "'lookup success is at least P%%').", killed.size(), 100 * first,
                    r.rounds().get(0).stats().count(), percent));
        }
        assertThat(r.recovered()).as("success per round: %s", r.rounds().stream()
                .map(x -> x.atMillis() / 1000 + "s=" + String.format("%.3f", x.stats().successRate())).toList()).isTrue();
    }

    private io.p2ptestbed.harness.workload.ContinuousChurn.Result continuous;

    @When("nodes join and fail at {double} per second each for {int} minutes while {double} lookups per second run")
    public void continuousChurn(double churnPerSecond, int minutes, double lookupsPerSecond) {
        long start = world.runtime().nowMillis();
        continuous = io.p2ptestbed.harness.workload.ContinuousChurn.run(world.runtime(), churnPerSecond, lookupsPerSecond,
                minutes * 60_000L, world.rng("continuous-churn"));
        world.interval(String.format("churn: %.2f joins and %.2f failures per second", churnPerSecond, churnPerSecond),
                start, world.runtime().nowMillis());
        world.record("churn_lookups", continuous.lookups());
        world.record("churn_lookups_failed_fraction", continuous.failedFraction());
        world.record("churn_lookups_wrong_node", continuous.wrongNode());
        world.record("churn_lookups_no_answer", continuous.noAnswer());
        world.record("churn_joins", continuous.joins());
        world.record("churn_failures", continuous.failures());
        world.snapshot(String.format("after %d min of churn: %.2f%% of lookups failed", minutes, 100 * continuous.failedFraction()));
    }

    @Then("at most {double}% of the lookups under churn failed")
    public void atMostFailedUnderChurn(double percent) {
        if (continuous == null) {
            throw new IllegalStateException("no continuous churn ran: use 'nodes join and fail at ... while ... lookups per second run' first");
        }
        assertThat(100 * continuous.failedFraction()).as("%s", continuous).isLessThanOrEqualTo(percent);
    }
}
