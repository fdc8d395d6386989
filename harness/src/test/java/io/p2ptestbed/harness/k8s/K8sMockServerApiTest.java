package io.p2ptestbed.harness.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rendered object, as its YAML file reads back, is created on fabric8's mock API server (a CRUD store, not a
 * validating server) in the lab namespace and read back unchanged; the scenario label lists all of them.
 */
@EnableKubernetesMockClient(crud = true)
class K8sMockServerApiTest {

    KubernetesMockServer server;
    KubernetesClient client;

    static String readExample() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("..", "scenarios", "eclipse-k8s.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyRenderedObject_isCreatedAndReadBack() {
        List<HasMetadata> objs = K8sManifestsTest.render(K8sManifestsTest.CHORD, K8sOptions.defaults());
        List<String> yaml = List.copyOf(ManifestFiles.yaml(objs).values());
        for (int i = 0; i < objs.size(); i++) {
            HasMetadata fromFile = ManifestFiles.read(yaml.get(i), objs.get(i).getClass());
            HasMetadata created = client.resource(fromFile).create();
            assertThat(created.getMetadata().getUid()).as(fromFile.getKind()).isNotBlank();
        }
        for (HasMetadata o : objs) {
            HasMetadata back = o.getKind().equals("Namespace")
                    ? client.namespaces().withName(o.getMetadata().getName()).get()
                    : client.resources(o.getClass()).inNamespace("p2ptestbed-chord-ring-12").withName(o.getMetadata().getName()).get();
            assertThat(back).as(o.getKind() + " " + o.getMetadata().getName()).isNotNull();
            // the server adds uid, resourceVersion and creationTimestamp; everything we wrote comes back as written
            back.getMetadata().setUid(null);
            back.getMetadata().setResourceVersion(null);
            back.getMetadata().setCreationTimestamp(null);
            back.getMetadata().setGeneration(null);
            assertThat(back).as(o.getKind()).isEqualTo(o);
        }
        // the attack scenario's driver Job (attacker socket hosts, pod network) and ConfigMap (attacks, faults) round-trip too
        List<HasMetadata> attack = K8sManifestsTest.render(readExample(), new K8sOptions(null, K8sOptions.DEFAULT_NODE_IMAGE,
                K8sOptions.DEFAULT_DRIVER_IMAGE, 6, 2, "10.244.0.0/16", null, "1Gi"));
        for (HasMetadata o : attack) {
            if (o.getKind().equals("Job") || o.getKind().equals("ConfigMap") || o.getKind().equals("Namespace")) {
                HasMetadata fromFile = ManifestFiles.read(ManifestFiles.yaml(List.of(o)).values().iterator().next(), o.getClass());
                HasMetadata created = client.resource(fromFile).create();
                created.getMetadata().setUid(null);
                created.getMetadata().setResourceVersion(null);
                created.getMetadata().setCreationTimestamp(null);
                created.getMetadata().setGeneration(null);
                assertThat(created).as("attack scenario " + o.getKind()).isEqualTo(o);
            }
        }
        String selector = "io.p2ptestbed.scenario";
        assertThat(client.apps().statefulSets().inNamespace("p2ptestbed-chord-ring-12").withLabel(selector, "chord-ring-12")
                .list().getItems()).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("chord-ring-12-seed", "chord-ring-12-boot", "chord-ring-12-node", "chord-ring-12-attacker");
        assertThat(client.apps().statefulSets().inNamespace("p2ptestbed-chord-ring-12").withLabel("io.p2ptestbed.role", "node")
                .list().getItems()).hasSize(3);
        assertThat(client.network().v1().networkPolicies().inNamespace("p2ptestbed-chord-ring-12").withLabel("io.p2ptestbed", "1")
                .list().getItems()).hasSize(3);
        assertThat(client.batch().v1().jobs().inNamespace("p2ptestbed-chord-ring-12").withLabel("io.p2ptestbed.role", "driver")
                .list().getItems()).singleElement().satisfies(j -> assertThat(j.getMetadata().getName()).isEqualTo("chord-ring-12-driver"));
    }
}
