package io.p2ptestbed.features.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.harness.docker.ControlClient;
import io.p2ptestbed.harness.k8s.K8sDriver;
import io.p2ptestbed.harness.k8s.K8sManifests;
import io.p2ptestbed.harness.k8s.K8sNames;
import io.p2ptestbed.harness.k8s.PodLayout;
import io.p2ptestbed.harness.k8s.K8sOptions;
import io.p2ptestbed.harness.k8s.ManifestFiles;
import io.p2ptestbed.harness.run.ScenarioAttacks;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code testbed k8s render}: a scenario's Kubernetes manifests (docs/kubernetes.md). */
@Command(name = "k8s", mixinStandardHelpOptions = true, header = "Kubernetes manifests of a scenario (docs/kubernetes.md).",
        subcommands = {K8sCommand.Render.class, K8sCommand.Drive.class})
final class K8sCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: use 'testbed k8s render' or 'testbed k8s drive'");
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

        @Mixin
        Attackers net;

        @Option(names = "--storage-class", paramLabel = "NAME", description = "Storage class of the report volume (default: the cluster's).")
        String storageClass;

        @Option(names = "--report-size", paramLabel = "QUANTITY", defaultValue = "1Gi",
                description = "Size of the report volume (default: ${DEFAULT-VALUE}).")
        String reportSize;

        @Override
        public Integer call() {
            PrintWriter w = spec.commandLine().getOut();
            String json = readScenario(scenario);
            Map<String, String> files;
            ScenarioFile.Loaded loaded;
            try {
                loaded = ScenarioFile.parse(json, scenario.toString());
                requireAttackers(loaded, net.attackerPods, "--attacker-pods is 0");
                K8sOptions options = new K8sOptions(namespace, nodeImage, driverImage, nodesPerPod, net.attackerPods, net.podCidr,
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

    /** The attacker pods and the pod network they may send to, for 'k8s render' and 'k8s drive' alike. */
    static final class Attackers {
        @Option(names = "--attacker-pods", paramLabel = "N", defaultValue = "1",
                description = "Attacker socket-host pods (default: ${DEFAULT-VALUE}; 0 for none). 'k8s drive' reaches them by "
                        + "their DNS names, port 7001, unless --attacker is given.")
        int attackerPods;

        @Option(names = "--pod-cidr", paramLabel = "A.B.C.D/LEN", defaultValue = K8sOptions.DEFAULT_POD_CIDR,
                description = "The cluster's pod network; attackers send there and to loopback only (default: ${DEFAULT-VALUE}).")
        String podCidr;
    }

    /**
     * A scenario with attacks needs an overlay that runs them ({@link ScenarioAttacks}) and at least one attacker
     * socket host; otherwise a usage error naming both.
     */
    static void requireAttackers(ScenarioFile.Loaded loaded, int attackerHosts, String none) {
        if (loaded.attacks().isEmpty()) {
            return;
        }
        try {
            ScenarioAttacks.of(loaded.scenario().protocolName());
        } catch (UnsupportedOperationException e) {
            throw new ScenarioException("attacks", "cannot run: " + e.getMessage());
        }
        if (attackerHosts == 0) {
            throw new ScenarioException("attacks", "need an attacker socket host, and " + none);
        }
    }

    /** Reads and checks a scenario file; a missing or bad one is a usage error naming what is wrong. */
    static String readScenario(Path scenario) {
        if (!Files.isRegularFile(scenario)) {
            throw new TestbedCli.UsageError("no scenario file " + scenario + " (give a JSON scenario file, see scenarios/)");
        }
        try {
            return Files.readString(scenario);
        } catch (IOException e) {
            throw new TestbedCli.UsageError("cannot read the scenario file " + scenario + ": " + e.getMessage());
        }
    }

    @Command(name = "drive", mixinStandardHelpOptions = true, sortOptions = false,
            header = "What the driver Job runs: drive a scenario file's announces, lookups, churn, attacks and partitions "
                    + "against running node pods through their control interfaces (attacks through the attacker pods' socket "
                    + "hosts), and write OUT/k8s-run.json.",
            footer = {"", "Exit codes: 0 report written; 1 a pod did not come up and join in time; 2 bad scenario or option."})
    static final class Drive implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Scenario file (in the Job: from its ConfigMap).")
        Path scenario;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder (in the Job: on the report volume).")
        Path out;

        @Option(names = "--nodes-per-pod", paramLabel = "M", defaultValue = "1",
                description = "As given to 'k8s render' (default: ${DEFAULT-VALUE}).")
        int nodesPerPod;

        @Option(names = "--control", paramLabel = "HOST:PORT",
                description = "Control interfaces to drive, one per pod (repeatable). Default: the node pods' DNS names, port 7000.")
        List<String> controls;

        @Option(names = "--attacker", paramLabel = "HOST:PORT",
                description = "Attacker socket hosts (repeatable). Default: the attacker pods' DNS names, port 7001, for "
                        + "--attacker-pods pods.")
        List<String> attackers;

        @Mixin
        Attackers net;

        @Option(names = "--up-timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "How long to wait for each pod to answer with all its nodes joined (default: ${DEFAULT-VALUE}).")
        long upTimeoutSeconds;

        @Override
        public Integer call() {
            String json = readScenario(scenario);
            ScenarioFile.Loaded loaded;
            List<String> targets;
            List<String> attackerHosts;
            Cidr cidr;
            try {
                loaded = ScenarioFile.parse(json, scenario.toString());
                K8sOptions o = K8sOptions.defaults();
                K8sOptions options = new K8sOptions(null, o.nodeImage(), o.driverImage(), nodesPerPod, net.attackerPods, net.podCidr, null,
                        o.reportSize());
                K8sNames names = K8sNames.of(loaded.scenario().name());
                targets = controls != null ? controls : PodLayout.of(loaded.scenario(), options)
                        .hosts(names).stream().map(h -> h + ":" + ControlClient.PORT).toList();
                attackerHosts = attackers != null ? attackers : K8sManifests.attackerHosts(names, net.attackerPods);
                cidr = Cidr.parse(net.podCidr);
                requireAttackers(loaded, attackerHosts.size(), "none is given (--attacker HOST:PORT, or --attacker-pods N)");
            } catch (IllegalArgumentException e) {
                throw new TestbedCli.UsageError(scenario + ": " + e.getMessage());
            }
            hostPorts("--control", targets);
            hostPorts("--attacker", attackerHosts);
            if (upTimeoutSeconds < 1) {
                throw new TestbedCli.UsageError("--up-timeout must be at least 1 second, got " + upTimeoutSeconds);
            }
            PrintWriter w = spec.commandLine().getOut();
            K8sDriver.Report report;
            try {
                report = K8sDriver.drive(loaded, targets, attackerHosts, cidr, upTimeoutSeconds * 1000, line -> {
                    w.println(line);
                    w.flush();
                });
            } catch (IllegalStateException e) {
                spec.commandLine().getErr().println("testbed k8s drive: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return TestbedCli.FAILED;
            }
            w.println("wrote " + K8sDriver.write(report, out));
            w.flush();
            return TestbedCli.OK;
        }

        private static void hostPorts(String option, List<String> values) {
            for (String c : values) {
                int colon = c.lastIndexOf(':');
                if (colon <= 0 || !c.substring(colon + 1).matches("[0-9]{1,5}")) {
                    throw new TestbedCli.UsageError(option + " expects HOST:PORT, got '" + c + "'");
                }
            }
        }
    }
}
