package io.p2ptestbed.harness.k8s;

import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a scenario's nodes sit in pods: {@code nodesPerPod} nodes per pod (ports 6881 up), pod 0 in the {@code seed}
 * set, the other pods that hold bootstrap nodes in the {@code boot} set, the rest in the {@code node} set. Node
 * {@code i} is node {@code i % nodesPerPod} of pod {@code i / nodesPerPod}, as on the docker runtime.
 *
 * @param nodesPerPod    overlay nodes per pod
 * @param pods           node pods in all
 * @param bootPods       pods holding at least one bootstrap node (the seed pod included)
 * @param bootstrapNodes the scenario's bootstrap nodes
 */
public record PodLayout(int nodesPerPod, int pods, int bootPods, int bootstrapNodes) {

    public static PodLayout of(Scenario s, K8sOptions o) {
        int m = o.nodesPerPod();
        if (s.nodes() % m != 0) {
            throw new ScenarioException("nodes", "(" + s.nodes() + ") must be a multiple of --nodes-per-pod (" + m + ")");
        }
        int pods = s.nodes() / m;
        if (pods > K8sOptions.MAX_NODE_PODS) {
            throw new ScenarioException("nodes", "(" + s.nodes() + ") would need " + pods + " node pods, more than "
                    + K8sOptions.MAX_NODE_PODS + "; raise --nodes-per-pod");
        }
        return new PodLayout(m, pods, (s.bootstrapNodes() + m - 1) / m, s.bootstrapNodes());
    }

    /** Pods of the {@code node} set. */
    public int otherPods() {
        return pods - bootPods;
    }

    /** The DNS name of node pod {@code p} (0-based over all pods). */
    public String host(K8sNames names, int p) {
        if (p == 0) {
            return names.nodeHost(K8sManifests.SEED, 0);
        }
        return p < bootPods ? names.nodeHost(K8sManifests.BOOT, p - 1) : names.nodeHost(K8sManifests.NODE, p - bootPods);
    }

    /** Every node pod's DNS name, pod 0 first. */
    public List<String> hosts(K8sNames names) {
        List<String> h = new ArrayList<>();
        for (int p = 0; p < pods; p++) {
            h.add(host(names, p));
        }
        return h;
    }

    /** The seed pod's nodes join through its node 0, which skips its own address (node-host does). */
    List<String> seedBootstrap() {
        return List.of("$(POD_IP):" + DockerRuntime.NODE_PORT);
    }

    /** The other bootstrap pods join through node 0. */
    List<String> bootBootstrap(K8sNames names) {
        return List.of(host(names, 0) + ":" + DockerRuntime.NODE_PORT);
    }

    /** Everyone else joins through every bootstrap node. */
    List<String> nodeBootstrap(K8sNames names) {
        List<String> b = new ArrayList<>();
        for (int i = 0; i < bootstrapNodes; i++) {
            b.add(host(names, i / nodesPerPod) + ":" + (DockerRuntime.NODE_PORT + i % nodesPerPod));
        }
        return b;
    }
}
