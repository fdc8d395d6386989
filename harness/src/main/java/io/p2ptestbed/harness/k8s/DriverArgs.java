package io.p2ptestbed.harness.k8s;

import java.util.List;

/** The driver Job's command line: {@code testbed k8s drive} over the scenario file mounted from its ConfigMap. */
final class DriverArgs {

    private DriverArgs() {}

    static List<String> of(K8sNames names, PodLayout layout, K8sOptions o) {
        return List.of("k8s", "drive",
                "--scenario", K8sManifests.SCENARIO_DIR + "/" + K8sManifests.SCENARIO_FILE,
                "--nodes-per-pod", Integer.toString(layout.nodesPerPod()),
                "--out", K8sManifests.REPORT_DIR + "/" + names.slug());
    }
}
