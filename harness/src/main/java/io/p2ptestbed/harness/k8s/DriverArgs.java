package io.p2ptestbed.harness.k8s;

import io.p2ptestbed.harness.docker.AttackerHosts;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver Job's command line: {@code testbed k8s drive} over the scenario file mounted from its ConfigMap, with the
 * attacker pods' socket hosts ({@code <s>-attacker-N.<s>-attackers:7001}) and the pod network they may send to.
 */
final class DriverArgs {

    private DriverArgs() {}

    static List<String> of(K8sNames names, PodLayout layout, K8sOptions o) {
        List<String> args = new ArrayList<>(List.of("k8s", "drive",
                "--scenario", K8sManifests.SCENARIO_DIR + "/" + K8sManifests.SCENARIO_FILE,
                "--nodes-per-pod", Integer.toString(layout.nodesPerPod()),
                "--out", K8sManifests.REPORT_DIR + "/" + names.slug()));
        args.addAll(List.of("--pod-cidr", o.podCidr(), "--attacker-pods", Integer.toString(o.attackerPods())));
        for (String a : attackers(names, o.attackerPods())) {
            args.addAll(List.of("--attacker", a));
        }
        return List.copyOf(args);
    }

    /** The socket hosts of {@code pods} attacker pods, by their DNS names under the attackers' headless Service. */
    static List<String> attackers(K8sNames names, int pods) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < pods; j++) {
            out.add(names.attackerHost(j) + ":" + AttackerHosts.PORT);
        }
        return out;
    }
}
