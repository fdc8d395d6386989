package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.workload.StoredValues;

/** Put/get on any overlay that stores values (neutral: the SPI's ValueStore; Chord today). */
public class ValueSteps {

    private final TestbedWorld world;
    private StoredValues values;
    private StoredValues.Fetch fetch;

    public ValueSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("{int} values are stored under random keys")
    public void store(int count) {
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("the number of values must be in [1, 1000000], got " + count);
        }
        values = StoredValues.store(world.runtime(), count, world.rng("values"));
        world.record("values_stored", values.stored());
        assertThat(values.stored()).as("values acknowledged by their owners").isEqualTo(count);
    }

    private StoredValues.Fetch fetch() {
        if (values == null) {
            throw new IllegalStateException("no values were stored in this scenario: use 'N values are stored under random keys' first");
        }
        fetch = values.fetch(world.runtime(), world.rng("values-fetch"));
        world.record("values_found_share", fetch.foundShare());
        world.record("values_owner_failed_share", fetch.ownerFailedShare());
        world.record("values_found_of_survivors_share", fetch.survivorsFoundShare());
        return fetch;
    }

    @Then("every stored value is found again")
    public void everyValueFound() {
        StoredValues.Fetch f = fetch();
        assertThat(f.found()).as("%s", f).isEqualTo(f.values());
    }

    @Then("every value whose owner survived is found again")
    public void survivorsFound() {
        StoredValues.Fetch f = fetch();
        assertThat(f.foundOfSurvivors()).as("values whose owner at store time is still live: %s", f).isEqualTo(f.survivors());
    }

    @Then("the share of values lost is within {double} points of the share of nodes that failed")
    public void lossMatchesFailures(double points) {
        StoredValues.Fetch f = fetch != null ? fetch : fetch();
        Double failed = world.metrics().get("nodes_failed");
        Double nodes = world.metrics().get("nodes");
        if (failed == null || nodes == null || nodes == 0) {
            throw new IllegalStateException("no failure was recorded: use 'the network has converged' and 'N% of the nodes fail at once' first");
        }
        double p = failed / nodes;
        double lost = 1 - f.foundShare();
        world.record("values_lost_share", lost);
        world.record("failed_node_share", p);
        assertThat(100 * lost).as("values lost (%s) against the share of failed nodes p = %.3f", f, p)
                .isBetween(100 * p - points, 100 * p + points);
    }
}
