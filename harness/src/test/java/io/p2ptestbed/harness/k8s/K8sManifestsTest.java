package io.p2ptestbed.harness.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.p2ptestbed.harness.scenario.ScenarioException;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K8sManifestsTest {

    static final String CHORD = """
            { "name": "Chord Ring 12", "runtime": "docker", "seed": 7, "nodes": 12, "bootstrapNodes": 3,
              "protocol": "chord", "params": { "successors": "6" }, "durationSeconds": 60 }""";

    static List<HasMetadata> render(String json, K8sOptions o) {
        return K8sManifests.render(ScenarioFile.parse(json, "test.json").scenario(), json, o);
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objs, Class<T> type, String name) {
        return objs.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    static Container container(StatefulSet s) {
        return s.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void everyObject_isLabelledAndInTheLabNamespace_inApplyOrder() {
        List<HasMetadata> objs = render(CHORD, K8sOptions.defaults());
        assertThat(objs).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "Namespace/p2ptestbed-chord-ring-12",
                "NetworkPolicy/lab-deny-all", "NetworkPolicy/lab-allow-namespace", "NetworkPolicy/lab-allow-dns",
                "ConfigMap/chord-ring-12-scenario", "Service/chord-ring-12",
                "StatefulSet/chord-ring-12-seed", "StatefulSet/chord-ring-12-boot", "StatefulSet/chord-ring-12-node",
                "Service/chord-ring-12-attackers", "StatefulSet/chord-ring-12-attacker",
                "PersistentVolumeClaim/chord-ring-12-reports", "Job/chord-ring-12-driver");
        for (HasMetadata o : objs) {
            assertThat(o.getMetadata().getLabels()).as(o.getKind())
                    .containsEntry("io.p2ptestbed", "1").containsEntry("io.p2ptestbed.scenario", "chord-ring-12");
            if (!o.getKind().equals("Namespace")) {
                assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo("p2ptestbed-chord-ring-12");
            }
        }
    }

    @Test
    void nodeSets_splitTheNetworkLikeTheDockerRuntime_withSelectorsMatchingTheirPods() {
        List<HasMetadata> objs = render(CHORD, K8sOptions.defaults());
        StatefulSet seed = one(objs, StatefulSet.class, "chord-ring-12-seed");
        StatefulSet boot = one(objs, StatefulSet.class, "chord-ring-12-boot");
        StatefulSet node = one(objs, StatefulSet.class, "chord-ring-12-node");
        assertThat(List.of(seed, boot, node)).extracting(s -> s.getSpec().getReplicas()).containsExactly(1, 2, 9);
        assertThat(List.of(seed, boot, node)).extracting(s -> s.getSpec().getPodManagementPolicy())
                .containsExactly("OrderedReady", "OrderedReady", "Parallel");
        Service svc = one(objs, Service.class, "chord-ring-12");
        assertThat(svc.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(svc.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(svc.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getProtocol() + ":" + p.getPort())
                .containsExactly("overlay:UDP:6881", "control:TCP:7000");
        for (StatefulSet s : List.of(seed, boot, node)) {
            Map<String, String> podLabels = s.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(s.getSpec().getServiceName()).isEqualTo("chord-ring-12");
            assertThat(podLabels).containsAllEntriesOf(s.getSpec().getSelector().getMatchLabels())
                    .containsAllEntriesOf(svc.getSpec().getSelector());
            Container c = container(s);
            assertThat(c.getImage()).isEqualTo(K8sOptions.DEFAULT_NODE_IMAGE);
            assertThat(c.getEnv()).singleElement().satisfies(e -> {
                assertThat(e.getName()).isEqualTo("POD_IP");
                assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
            });
            assertThat(c.getPorts()).extracting(p -> p.getProtocol() + ":" + p.getContainerPort()).containsExactly("UDP:6881", "TCP:7000");
            assertThat(c.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(7000);
            assertThat(s.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
            assertThat(s.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65534L);
            assertThat(s.getSpec().getTemplate().getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(s.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        }
        Service attackers = one(objs, Service.class, "chord-ring-12-attackers");
        StatefulSet attacker = one(objs, StatefulSet.class, "chord-ring-12-attacker");
        assertThat(attacker.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("io.p2ptestbed.role", "attacker")
                .containsAllEntriesOf(attackers.getSpec().getSelector())
                .doesNotContainEntry("io.p2ptestbed.role", "node");
    }

    @Test
    void nodePods_runTheNodeHostCommandLine_bootstrappingThroughPodDnsNames() {
        List<HasMetadata> objs = render(CHORD, K8sOptions.defaults());
        List<String> prefix = List.of("io.p2ptestbed.overlay.node.control.NodeHostMain", "--nodes", "1", "--port-base", "6881",
                "--control-port", "7000", "--", "--protocol", "chord", "--param", "successors=6", "--bind", "$(POD_IP)",
                "--log-every", "0");
        assertThat(container(one(objs, StatefulSet.class, "chord-ring-12-seed")).getArgs())
                .containsExactlyElementsOf(concat(prefix, List.of("--bootstrap", "$(POD_IP):6881")));
        assertThat(container(one(objs, StatefulSet.class, "chord-ring-12-boot")).getArgs())
                .containsExactlyElementsOf(concat(prefix, List.of("--bootstrap", "chord-ring-12-seed-0.chord-ring-12:6881")));
        assertThat(container(one(objs, StatefulSet.class, "chord-ring-12-node")).getArgs())
                .containsExactlyElementsOf(concat(prefix, List.of("--bootstrap", "chord-ring-12-seed-0.chord-ring-12:6881",
                        "--bootstrap", "chord-ring-12-boot-0.chord-ring-12:6881",
                        "--bootstrap", "chord-ring-12-boot-1.chord-ring-12:6881")));
        assertThat(container(one(objs, StatefulSet.class, "chord-ring-12-attacker")).getArgs()).containsExactly("-Xmx48m",
                "io.p2ptestbed.overlay.node.control.SocketHostMain", "--control-port", "7001", "--allow", "10.0.0.0/8");
    }

    @Test
    void severalNodesPerPod_useConsecutivePortsAndABiggerHeap() {
        K8sOptions o = new K8sOptions("lab", "reg/node:1", "reg/testbed:1", 4, 0, "10.244.0.0/16", "fast", "2Gi");
        List<HasMetadata> objs = render(CHORD, o);
        assertThat(objs).noneMatch(x -> x.getMetadata().getName().endsWith("-boot") || x.getMetadata().getName().contains("attacker"));
        StatefulSet node = one(objs, StatefulSet.class, "chord-ring-12-node");
        assertThat(node.getSpec().getReplicas()).isEqualTo(2);
        assertThat(node.getMetadata().getNamespace()).isEqualTo("lab");
        Container c = container(node);
        assertThat(c.getArgs()).startsWith("-Xmx40m").contains("4")
                .endsWith("--bootstrap", "chord-ring-12-seed-0.chord-ring-12:6881", "--bootstrap", "chord-ring-12-seed-0.chord-ring-12:6882",
                        "--bootstrap", "chord-ring-12-seed-0.chord-ring-12:6883");
        assertThat(c.getPorts()).extracting(p -> p.getProtocol() + ":" + p.getContainerPort())
                .containsExactly("UDP:6881", "UDP:6882", "UDP:6883", "UDP:6884", "TCP:7000");
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("128Mi");
        PersistentVolumeClaim pvc = one(objs, PersistentVolumeClaim.class, "chord-ring-12-reports");
        assertThat(pvc.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("2Gi");
    }

    @Test
    void networkPolicies_denyEverythingButPodToPodInTheNamespaceAndDns() {
        List<HasMetadata> objs = render(CHORD, K8sOptions.defaults());
        NetworkPolicy deny = one(objs, NetworkPolicy.class, "lab-deny-all");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        NetworkPolicy lab = one(objs, NetworkPolicy.class, "lab-allow-namespace");
        assertThat(lab.getSpec().getIngress()).singleElement().satisfies(r -> assertThat(r.getFrom()).singleElement().satisfies(p -> {
            assertThat(p.getNamespaceSelector()).isNull();
            assertThat(p.getIpBlock()).isNull();
            assertThat(p.getPodSelector().getMatchLabels()).isNullOrEmpty();
        }));
        assertThat(lab.getSpec().getEgress()).singleElement().satisfies(r -> assertThat(r.getTo()).singleElement().satisfies(p -> {
            assertThat(p.getNamespaceSelector()).isNull();
            assertThat(p.getIpBlock()).isNull();
        }));
        NetworkPolicy dns = one(objs, NetworkPolicy.class, "lab-allow-dns");
        assertThat(dns.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(dns.getSpec().getIngress()).isNullOrEmpty();
        assertThat(dns.getSpec().getEgress()).singleElement().satisfies(r -> {
            assertThat(r.getPorts()).extracting(p -> p.getProtocol() + ":" + p.getPort().getIntVal()).containsExactly("UDP:53", "TCP:53");
            assertThat(r.getTo()).singleElement().satisfies(p -> {
                assertThat(p.getNamespaceSelector().getMatchLabels()).containsExactly(Map.entry("kubernetes.io/metadata.name", "kube-system"));
                assertThat(p.getPodSelector().getMatchLabels()).containsExactly(Map.entry("k8s-app", "kube-dns"));
            });
        });
    }

    @Test
    void driverJob_runsTheScenarioFromItsConfigMap_andWritesToTheReportVolume() {
        List<HasMetadata> objs = render(CHORD, K8sOptions.defaults());
        assertThat(one(objs, ConfigMap.class, "chord-ring-12-scenario").getData()).containsExactly(Map.entry("scenario.json", CHORD));
        Job job = one(objs, Job.class, "chord-ring-12-driver");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo(K8sOptions.DEFAULT_DRIVER_IMAGE);
        assertThat(c.getArgs()).containsExactly("k8s", "drive", "--scenario", "/scenario/scenario.json", "--nodes-per-pod", "1",
                "--out", "/reports/chord-ring-12", "--pod-cidr", K8sOptions.DEFAULT_POD_CIDR, "--attacker-pods", "1",
                "--attacker", "chord-ring-12-attacker-0.chord-ring-12-attackers:7001");
        K8sOptions two = new K8sOptions(null, K8sOptions.DEFAULT_NODE_IMAGE, K8sOptions.DEFAULT_DRIVER_IMAGE, 1, 2, "10.244.0.0/16",
                null, "1Gi");
        assertThat(one(render(CHORD, two), Job.class, "chord-ring-12-driver").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getArgs()).endsWith("--pod-cidr", "10.244.0.0/16", "--attacker-pods", "2", "--attacker", "chord-ring-12-attacker-0.chord-ring-12-attackers:7001",
                "--attacker", "chord-ring-12-attacker-1.chord-ring-12-attackers:7001");
        K8sOptions none = new K8sOptions(null, K8sOptions.DEFAULT_NODE_IMAGE, K8sOptions.DEFAULT_DRIVER_IMAGE, 1, 0, "10.244.0.0/16",
                null, "1Gi");
        assertThat(one(render(CHORD, none), Job.class, "chord-ring-12-driver").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getArgs()).doesNotContain("--attacker").endsWith("--attacker-pods", "0");
        assertThat(c.getVolumeMounts()).extracting(m -> m.getName() + "@" + m.getMountPath()).containsExactly("scenario@/scenario", "reports@/reports");
        assertThat(pod.getVolumes()).extracting(v -> v.getName() + "=" + (v.getConfigMap() != null ? v.getConfigMap().getName()
                : v.getPersistentVolumeClaim().getClaimName())).containsExactly("scenario=chord-ring-12-scenario", "reports=chord-ring-12-reports");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("io.p2ptestbed.role", "driver");
    }

    @Test
    void yaml_readsBackToTheSameObjects_andIsTheSameOnEveryRender(@TempDir Path dir) throws Exception {
        List<HasMetadata> objs = render(CHORD, K8sOptions.defaults());
        Map<String, String> files = ManifestFiles.yaml(objs);
        assertThat(files.keySet()).first().isEqualTo("00-namespace-p2ptestbed-chord-ring-12.yaml");
        assertThat(files.keySet()).last().isEqualTo("12-job-chord-ring-12-driver.yaml");
        assertThat(files.values()).allMatch(y -> y.startsWith(ManifestFiles.HEADER + "\n"));
        List<String> texts = List.copyOf(files.values());
        for (int i = 0; i < objs.size(); i++) {
            assertThat(ManifestFiles.read(texts.get(i), objs.get(i).getClass())).isEqualTo(objs.get(i));
        }
        assertThat(ManifestFiles.yaml(render(CHORD, K8sOptions.defaults()))).isEqualTo(files);
        ManifestFiles.write(dir, files);
        ManifestFiles.write(dir, files); // an earlier render is replaced
        try (var s = Files.list(dir)) {
            assertThat(s.count()).isEqualTo(13);
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> ManifestFiles.write(dir, files)).hasMessageContaining("notes.txt")
                .hasMessageContaining("not a rendered manifest");
        assertThat(dir.resolve("notes.txt")).exists();
    }

    @Test
    void badInput_isRefusedNamingTheProblem() {
        assertThatThrownBy(() -> render(CHORD, new K8sOptions(null, "n", "d", 5, 1, "10.0.0.0/8", null, "1Gi")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("'nodes'").hasMessageContaining("multiple of --nodes-per-pod (5)");
        assertThatThrownBy(() -> new K8sOptions("Lab_1", "n", "d", 1, 1, "10.0.0.0/8", null, "1Gi")).hasMessageContaining("--namespace");
        assertThatThrownBy(() -> new K8sOptions(null, "n", "d", 1, 1, "10.0.0/8", null, "1Gi")).hasMessageContaining("--pod-cidr");
        assertThatThrownBy(() -> new K8sOptions(null, "n", "d", 1, 1, "10.0.0.0/8", null, "lots")).hasMessageContaining("--report-size");
        assertThatThrownBy(() -> new K8sOptions(null, "a b", "d", 1, 1, "10.0.0.0/8", null, "1Gi")).hasMessageContaining("--node-image");
        assertThat(K8sNames.of("123 Über__Scenario!").slug()).isEqualTo("s-123-ber-scenario");
        assertThat(K8sNames.of("x".repeat(80)).slug()).hasSize(K8sNames.MAX_SLUG);
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
