package io.p2ptestbed.features.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.p2ptestbed.harness.k8s.K8sManifests;
import io.p2ptestbed.harness.k8s.K8sOptions;
import io.p2ptestbed.harness.k8s.ManifestFiles;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.ScenarioException;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code testbed k8s render}: a scenario's Kubernetes manifests (docs/kubernetes.md). */
@Command(name = "k8s", mixinStandardHelpOptions = true, header = "Kubernetes manifests of a scenario (docs/kubernetes.md).",
        subcommands = {K8sCommand.Render.class})
final class K8sCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: use 'testbed k8s render'");
    }

    @Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Write the Kubernetes manifests of a scenario file: namespace, network policies, headless Services, "
                    + "node and attacker StatefulSets, report volume and driver Job.",
            footer = {"", "Apply: kubectl apply -f DIR (docs/kubernetes.md). Exit codes: 0 written; 2 bad scenario or "
                    + "option (nothing written)."})
    static final class Render implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Scenario file (JSON, see scenarios/).")
        Path scenario;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Folder for the YAML files (new, empty, or an earlier render, which is replaced).")
        Path out;

        @Option(names = "--namespace", paramLabel = "NAME", description = "Lab namespace (default: p2ptestbed-<scenario>).")
        String namespace;

        @Option(names = "--node-image", paramLabel = "IMAGE", defaultValue = K8sOptions.DEFAULT_NODE_IMAGE,
                description = "Node image, as your cluster pulls it (default: ${DEFAULT-VALUE}).")
        String nodeImage;

        @Option(names = "--driver-image", paramLabel = "IMAGE", defaultValue = K8sOptions.DEFAULT_DRIVER_IMAGE,
                description = "Driver image with the testbed CLI (default: ${DEFAULT-VALUE}).")
        String driverImage;

        @Option(names = "--nodes-per-pod", paramLabel = "M", defaultValue = "1",
                description = "Overlay nodes per node pod (default: ${DEFAULT-VALUE}).")
        int nodesPerPod;

        @Option(names = "--attacker-pods", paramLabel = "N", defaultValue = "1",
                description = "Attacker socket-host pods (default: ${DEFAULT-VALUE}; 0 for none).")
        int attackerPods;

        @Option(names = "--pod-cidr", paramLabel = "A.B.C.D/LEN", defaultValue = K8sOptions.DEFAULT_POD_CIDR,
                description = "The cluster's pod network; attacker pods send nowhere else (default: ${DEFAULT-VALUE}).")
        String podCidr;

        @Option(names = "--storage-class", paramLabel = "NAME", description = "Storage class of the report volume (default: the cluster's).")
        String storageClass;

        @Option(names = "--report-size", paramLabel = "QUANTITY", defaultValue = "1Gi",
                description = "Size of the report volume (default: ${DEFAULT-VALUE}).")
        String reportSize;

        @Override
        public Integer call() {
            PrintWriter w = spec.commandLine().getOut();
            if (!Files.isRegularFile(scenario)) {
                throw new TestbedCli.UsageError("no scenario file " + scenario + " (give a JSON scenario file, see scenarios/)");
            }
            String json;
            try {
                json = Files.readString(scenario);
            } catch (IOException e) {
                throw new TestbedCli.UsageError("cannot read the scenario file " + scenario + ": " + e.getMessage());
            }
            Map<String, String> files;
            ScenarioFile.Loaded loaded;
            try {
                loaded = ScenarioFile.parse(json, scenario.toString());
                K8sOptions options = new K8sOptions(namespace, nodeImage, driverImage, nodesPerPod, attackerPods, podCidr,
                        storageClass, reportSize);
                List<HasMetadata> objects = K8sManifests.render(loaded.scenario(), json, options);
                files = ManifestFiles.yaml(objects);
                ManifestFiles.write(out, files);
            } catch (ScenarioException e) {
                throw new TestbedCli.UsageError(scenario + ": " + e.getMessage() + "; nothing written");
            } catch (IllegalArgumentException e) {
                throw new TestbedCli.UsageError(e.getMessage() + "; nothing written");
            }
            if (loaded.scenario().runtime() != RuntimeKind.DOCKER) {
                w.printf("note: the scenario names the %s runtime; on Kubernetes every node is a process in a pod, as on the "
                        + "docker runtime (latency, loss and topology settings model the simulated runtime only)%n",
                        loaded.scenario().runtime().label());
            }
            files.keySet().forEach(f -> w.println("wrote " + out.resolve(f)));
            w.printf("%d objects for scenario '%s' (%d nodes in %d pods of %d); apply with: kubectl apply -f %s%n", files.size(),
                    loaded.scenario().name(), loaded.scenario().nodes(), loaded.scenario().nodes() / nodesPerPod, nodesPerPod, out);
            w.flush();
            return TestbedCli.OK;
        }
    }
}
