package io.p2ptestbed.harness.run;

import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One overlay's part of a scenario file's workload (e.g. Kademlia's BEP 5 announces), found by
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.p2ptestbed.harness.run.ScenarioWorkload}, so
 * that {@link ScenarioRunner} stays protocol-neutral.
 */
public interface ScenarioWorkload {

    /** Runs once before the first batch of lookups, drawing only from {@code rng}; records metrics in {@code out}. */
    void beforeLookups(NetworkRuntime rt, ScenarioFile.Loaded scenario, RandomGenerator rng, Map<String, Double> out);
}
