package io.p2ptestbed.harness.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;

/**
 * The lab guard as the cluster enforces it: no traffic into or out of the lab namespace except pod to pod inside
 * it, plus DNS to the cluster's resolver (bootstrap uses pod DNS names). Three policies, each over every pod of the
 * namespace: deny all, allow the namespace, allow DNS. Kubernetes adds up allow rules, so the result is exactly
 * "namespace plus DNS". A CNI plugin that enforces NetworkPolicy is needed (docs/kubernetes.md).
 */
record LabPolicies(K8sNames names, String namespace) {

    static final String DENY_ALL = "lab-deny-all";
    static final String ALLOW_NAMESPACE = "lab-allow-namespace";
    static final String ALLOW_DNS = "lab-allow-dns";

    List<NetworkPolicy> all() {
        return List.of(denyAll(), allowNamespace(), allowDns());
    }

    private NetworkPolicy denyAll() {
        return new NetworkPolicyBuilder().withNewMetadata().withName(DENY_ALL).withNamespace(namespace)
                .withLabels(names.common()).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec()
                .build();
    }

    private NetworkPolicy allowNamespace() {
        return new NetworkPolicyBuilder().withNewMetadata().withName(ALLOW_NAMESPACE).withNamespace(namespace)
                .withLabels(names.common()).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress")
                // an empty pod selector without a namespace selector: every pod of this namespace, and only those
                .addNewIngress().addNewFrom().withNewPodSelector().endPodSelector().endFrom().endIngress()
                .addNewEgress().addNewTo().withNewPodSelector().endPodSelector().endTo().endEgress()
                .endSpec().build();
    }

    private NetworkPolicy allowDns() {
        return new NetworkPolicyBuilder().withNewMetadata().withName(ALLOW_DNS).withNamespace(namespace)
                .withLabels(names.common()).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress")
                .addNewEgress()
                .addNewTo().withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "kube-system")
                .endNamespaceSelector().withNewPodSelector().addToMatchLabels("k8s-app", "kube-dns").endPodSelector().endTo()
                .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
                .endEgress()
                .endSpec().build();
    }
}
