package io.p2ptestbed.harness.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl apply --dry-run=client} on the written YAML files. kubectl (1.20 from Debian, or newer) needs an API
 * server even for a client-side dry run: it maps every document's apiVersion and kind to a resource through the
 * server's discovery documents, and GETs the object to decide between create and patch. There is no cluster here,
 * so fabric8's mock server plays that part: discovery lists the common kinds, each with the group, version, plural
 * and scope that fabric8's model gives it, and the CRUD store answers the GETs (nothing exists yet: every object is
 * "created (dry run)"). Schema validation is off ({@code --validate=false}): it needs the server's OpenAPI document,
 * which the mock server does not have. What this checks and what not: docs/kubernetes.md.
 *
 * <p>kubectl is found as {@code $TESTBED_KUBECTL} or on the PATH. Without it the test fails when {@code CI=true}
 * ({@code scripts/setup.sh} installs Debian's {@code kubernetes-client}) and is skipped, saying why, elsewhere.
 */
class KubectlApiTest {

    static final List<Class<? extends HasMetadata>> KINDS = List.of(Namespace.class, ConfigMap.class, Service.class,
            PersistentVolumeClaim.class, Pod.class, Secret.class, ServiceAccount.class, StatefulSet.class, Deployment.class,
            DaemonSet.class, Job.class, CronJob.class, NetworkPolicy.class, Ingress.class);

    static final String TIMEOUT = "20s";

    KubernetesMockServer server;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init();
        serveDiscovery();
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    /**
     * The Chord scenario, and the attack scenario (the driver Job with its two attacker pods' socket hosts and the pod
     * network), in one kubectl run.
     */
    @Test
    void renderedManifests_passKubectlApplyDryRun() throws Exception {
        K8sOptions o = new K8sOptions(null, K8sOptions.DEFAULT_NODE_IMAGE, K8sOptions.DEFAULT_DRIVER_IMAGE, 6, 2, "10.244.0.0/16",
                null, "1Gi");
        List<HasMetadata> chord = K8sManifestsTest.render(K8sManifestsTest.CHORD, K8sOptions.defaults());
        List<HasMetadata> attack = K8sManifestsTest.render(Files.readString(Path.of("..", "scenarios", "eclipse-k8s.json")), o);
        ManifestFiles.write(tmp.resolve("manifests"), ManifestFiles.yaml(chord));
        ManifestFiles.write(tmp.resolve("attack"), ManifestFiles.yaml(attack));
        Run r = kubectl("apply", "--dry-run=client", "--validate=false", "-f", tmp.resolve("manifests").toString(),
                "-f", tmp.resolve("attack").toString());
        assertThat(r.exit).as(r.output).isZero();
        List<String> expected = new ArrayList<>();
        for (HasMetadata obj : java.util.stream.Stream.concat(chord.stream(), attack.stream()).toList()) {
            String group = HasMetadata.getGroup(obj.getClass());
            expected.add(HasMetadata.getPlural(obj.getClass()).replaceAll("s$", "").replace("policie", "policy")
                    + (group.isEmpty() ? "" : "." + group) + "/" + obj.getMetadata().getName() + " created (dry run)");
        }
        assertThat(r.output.lines().filter(l -> l.endsWith("(dry run)")).toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void aMisspeltKind_isRefusedByKubectl() throws Exception {
        Path dir = tmp.resolve("bad");
        List<HasMetadata> objs = K8sManifestsTest.render(K8sManifestsTest.CHORD, K8sOptions.defaults());
        Map<String, String> files = new LinkedHashMap<>(ManifestFiles.yaml(objs));
        files.replaceAll((name, yaml) -> name.contains("statefulset") ? yaml.replace("kind: \"StatefulSet\"", "kind: \"StatefulSett\"") : yaml);
        ManifestFiles.write(dir, files);
        Run r = kubectl("apply", "--dry-run=client", "--validate=false", "-f", dir.toString());
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("StatefulSett");
    }

    record Run(int exit, String output) {}

    Run kubectl(String... args) throws IOException, InterruptedException {
        String kubectl = findKubectl();
        Path kubeconfig = Files.writeString(tmp.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
        List<String> cmd = new ArrayList<>(List.of(kubectl, "--kubeconfig", kubeconfig.toString(),
                "--server", "http://" + server.getHostName() + ":" + server.getPort(), "--token", "lab",
                "--cache-dir", tmp.resolve("kube-cache").toString(), "--request-timeout", TIMEOUT));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("kubectl did not finish within 120 s: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("$ " + String.join(" ", cmd) + " -> exit " + p.exitValue() + "\n" + out);
        return new Run(p.exitValue(), out);
    }

    static String findKubectl() {
        String given = System.getenv("TESTBED_KUBECTL");
        if (given != null && !given.isBlank()) {
            Assertions.assertTrue(Files.isExecutable(Path.of(given)), "TESTBED_KUBECTL=" + given + " is not an executable file");
            return given;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path k = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(k)) {
                return k.toString();
            }
        }
        String why = "kubectl is not installed (apt-get install kubernetes-client; scripts/setup.sh does), "
                + "so the rendered manifests were not checked with kubectl apply --dry-run=client";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
        return null;
    }

    /** Discovery documents: for each kind, the group, version, plural and scope that fabric8's model gives it. */
    private void serveDiscovery() {
        Map<String, List<Class<? extends HasMetadata>>> byGroupVersion = new LinkedHashMap<>();
        for (Class<? extends HasMetadata> k : KINDS) {
            byGroupVersion.computeIfAbsent(HasMetadata.getApiVersion(k), x -> new ArrayList<>()).add(k);
        }
        serve("/api", new APIVersionsBuilder().withVersions("v1").build());
        APIGroupListBuilder groups = new APIGroupListBuilder();
        byGroupVersion.forEach((gv, kinds) -> {
            if (gv.contains("/")) {
                var v = new GroupVersionForDiscoveryBuilder().withGroupVersion(gv).withVersion(gv.substring(gv.indexOf('/') + 1)).build();
                groups.addToGroups(new APIGroupBuilder().withName(gv.substring(0, gv.indexOf('/'))).withVersions(v)
                        .withPreferredVersion(v).build());
            }
            APIResourceListBuilder list = new APIResourceListBuilder().withGroupVersion(gv);
            for (Class<? extends HasMetadata> k : kinds) {
                list.addToResources(new APIResourceBuilder().withName(HasMetadata.getPlural(k)).withKind(HasMetadata.getKind(k))
                        .withNamespaced(Namespaced.class.isAssignableFrom(k)).withSingularName("")
                        .withVerbs("create", "delete", "get", "list", "patch", "update", "watch").build());
            }
            serve(gv.contains("/") ? "/apis/" + gv : "/api/" + gv, list.build());
        });
        serve("/apis", groups.build());
    }

    /** kubectl asks with {@code ?timeout=} (its --request-timeout); expectations match the query too. */
    private void serve(String path, Object body) {
        server.expect().get().withPath(path).andReturn(200, body).always();
        server.expect().get().withPath(path + "?timeout=" + TIMEOUT).andReturn(200, body).always();
    }
}
