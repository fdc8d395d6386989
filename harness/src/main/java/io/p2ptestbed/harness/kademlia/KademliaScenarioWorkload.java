package io.p2ptestbed.harness.kademlia;

import io.p2ptestbed.harness.run.ScenarioWorkload;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The scenario file's {@code workload.announces}: BEP 5 announces ({@link KademliaWorkloads#announce}). */
public final class KademliaScenarioWorkload implements ScenarioWorkload {

    @Override
    public void beforeLookups(NetworkRuntime rt, ScenarioFile.Loaded scenario, RandomGenerator rng, Map<String, Double> out) {
        KademliaWorkloads.announce(rt, scenario.announces(), rng, out);
    }
}
