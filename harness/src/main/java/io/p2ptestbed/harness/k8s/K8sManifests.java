package io.p2ptestbed.harness.k8s;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.p2ptestbed.harness.docker.AttackerHosts;
import io.p2ptestbed.harness.docker.ControlClient;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.docker.NodeHostContainer;
import io.p2ptestbed.harness.docker.NodeLauncher;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of one scenario, built with fabric8's model (never with string templates). In order:
 * the lab namespace; its network policies ({@link LabPolicies}); the scenario as a ConfigMap; the headless
 * Services of the node and attacker pods; the node pods as three StatefulSets of the docker runtime's node image
 * and command line; the attacker pods (socket hosts); the report volume; the driver Job.
 *
 * <p>Node pods start the way the docker runtime starts node containers ({@code NodeLauncher}): node 0 starts the
 * network, the other bootstrap nodes join through node 0, everyone else joins through all bootstrap nodes. A
 * StatefulSet gives all its pods one template, so the three roles are three sets: {@code seed} (1 pod, node 0),
 * {@code boot} (the other pods holding bootstrap nodes, started one after another) and {@code node} (the rest,
 * started in parallel). Bootstrap addresses are pod DNS names under the headless Service; a pod binds its own IP
 * ({@code $(POD_IP)}, which the kubelet expands in {@code args}).
 */
public final class K8sManifests {

    public static final String SEED = "seed";
    public static final String BOOT = "boot";
    public static final String NODE = "node";
    /** Where the driver finds the scenario file and writes the report. */
    public static final String SCENARIO_DIR = "/scenario";
    public static final String SCENARIO_FILE = "scenario.json";
    public static final String REPORT_DIR = "/reports";

    private final Scenario scenario;
    private final String scenarioJson;
    private final K8sOptions options;
    private final K8sNames names;
    private final String namespace;

    private K8sManifests(Scenario scenario, String scenarioJson, K8sOptions options) {
        this.scenario = scenario;
        this.scenarioJson = scenarioJson;
        this.options = options;
        this.names = K8sNames.of(scenario.name());
        this.namespace = options.namespace() != null ? options.namespace() : names.namespace();
    }

    /** The attacker pods' socket hosts, {@code <s>-attacker-N.<s>-attackers:7001}, as the driver Job reaches them. */
    public static List<String> attackerHosts(K8sNames names, int attackerPods) {
        return DriverArgs.attackers(names, attackerPods);
    }

    /**
     * Every object, in the order they should be applied. {@code scenarioJson} is the scenario file's text (the
     * driver reads it from the ConfigMap).
     *
     * @throws ScenarioException when the node count does not divide into pods or needs too many pods
     */
    public static List<HasMetadata> render(Scenario scenario, String scenarioJson, K8sOptions options) {
        K8sManifests m = new K8sManifests(scenario, scenarioJson, options);
        PodLayout layout = PodLayout.of(scenario, options);
        List<HasMetadata> out = new ArrayList<>();
        out.add(new NamespaceBuilder().withMetadata(m.meta(m.namespace, m.names.common()).toBuilder().withNamespace(null).build())
                .build());
        out.addAll(new LabPolicies(m.names, m.namespace).all());
        out.add(new ConfigMapBuilder().withMetadata(m.meta(m.names.scenarioConfigMap(), m.names.common()))
                .addToData(SCENARIO_FILE, scenarioJson).build());
        out.add(m.headless(m.names.nodeService(), m.names.role("node"), List.of(
                new ServicePortBuilder().withName("overlay").withProtocol("UDP").withPort(DockerRuntime.NODE_PORT)
                        .withTargetPort(new IntOrString(DockerRuntime.NODE_PORT)).build(),
                new ServicePortBuilder().withName("control").withProtocol("TCP").withPort(ControlClient.PORT)
                        .withTargetPort(new IntOrString(ControlClient.PORT)).build())));
        out.add(m.nodeSet(SEED, 1, layout.seedBootstrap(), "OrderedReady"));
        if (layout.bootPods() > 1) {
            out.add(m.nodeSet(BOOT, layout.bootPods() - 1, layout.bootBootstrap(m.names), "OrderedReady"));
        }
        if (layout.otherPods() > 0) {
            out.add(m.nodeSet(NODE, layout.otherPods(), layout.nodeBootstrap(m.names), "Parallel"));
        }
        if (options.attackerPods() > 0) {
            out.add(m.headless(m.names.attackerService(), m.names.role("attacker"), List.of(
                    new ServicePortBuilder().withName("sockets").withProtocol("TCP").withPort(AttackerHosts.PORT)
                            .withTargetPort(new IntOrString(AttackerHosts.PORT)).build())));
            out.add(m.attackerSet());
        }
        out.add(m.reportClaim());
        out.add(m.driverJob(layout));
        return out;
    }

    /** The node-host arguments of a node pod: the docker runtime's command line, with the pod's IP and DNS seeds. */
    public static List<String> nodeArgs(Scenario scenario, int nodesPerPod, List<String> bootstrap) {
        List<String> a = new ArrayList<>();
        if (nodesPerPod > 1) {
            a.add("-Xmx" + (24 + 4 * nodesPerPod) + "m");
        }
        a.add(NodeHostContainer.MAIN);
        a.addAll(List.of("--nodes", Integer.toString(nodesPerPod), "--port-base", Integer.toString(DockerRuntime.NODE_PORT),
                "--control-port", Integer.toString(ControlClient.PORT), "--"));
        a.addAll(NodeLauncher.protocolArgs(scenario));
        a.addAll(List.of("--bind", "$(POD_IP)", "--log-every", "0"));
        for (String b : bootstrap) {
            a.addAll(List.of("--bootstrap", b));
        }
        return a;
    }

    private StatefulSet nodeSet(String group, int replicas, List<String> bootstrap, String podManagement) {
        Map<String, String> labels = names.nodeGroup(group);
        int m = options.nodesPerPod();
        List<ContainerPort> ports = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            ports.add(new ContainerPortBuilder().withName(m == 1 ? "overlay" : "overlay-" + i).withProtocol("UDP")
                    .withContainerPort(DockerRuntime.NODE_PORT + i).build());
        }
        ports.add(new ContainerPortBuilder().withName("control").withProtocol("TCP").withContainerPort(ControlClient.PORT).build());
        Container node = new ContainerBuilder().withName("node").withImage(options.nodeImage())
                .withArgs(nodeArgs(scenario, m, bootstrap))
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().endEnv()
                .withPorts(ports)
                // the control interface is up once every node of the pod runs: the next boot pod may start
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(ControlClient.PORT)).endTcpSocket()
                .withPeriodSeconds(2).endReadinessProbe()
                .withResources(memory(Math.max(128, 64 + 12L * m)))
                .withSecurityContext(containerSecurity())
                .build();
        return new StatefulSetBuilder().withMetadata(meta(names.nodeSet(group), labels))
                .withNewSpec().withServiceName(names.nodeService()).withReplicas(replicas)
                .withPodManagementPolicy(podManagement)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(pod(node, "Always")).endTemplate()
                .endSpec().build();
    }

    /** Socket hosts ({@code SocketHostMain}), as on the docker runtime: one IP each, sending only into the pod network. */
    private StatefulSet attackerSet() {
        Map<String, String> labels = names.role("attacker");
        Container c = new ContainerBuilder().withName("socket-host").withImage(options.nodeImage())
                .withArgs("-Xmx48m", AttackerHosts.MAIN, "--control-port", Integer.toString(AttackerHosts.PORT),
                        "--allow", options.podCidr())
                .addNewPort().withName("sockets").withProtocol("TCP").withContainerPort(AttackerHosts.PORT).endPort()
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(AttackerHosts.PORT)).endTcpSocket()
                .withPeriodSeconds(2).endReadinessProbe()
                .withResources(memory(192))
                .withSecurityContext(containerSecurity())
                .build();
        return new StatefulSetBuilder().withMetadata(meta(names.attackerSet(), labels))
                .withNewSpec().withServiceName(names.attackerService()).withReplicas(options.attackerPods())
                .withPodManagementPolicy("Parallel")
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(pod(c, "Always")).endTemplate()
                .endSpec().build();
    }

    private HasMetadata reportClaim() {
        return new PersistentVolumeClaimBuilder().withMetadata(meta(names.reportClaim(), names.common()))
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(options.storageClass())
                .withNewResources().addToRequests("storage", new Quantity(options.reportSize())).endResources()
                .endSpec().build();
    }

    private HasMetadata driverJob(PodLayout layout) {
        Map<String, String> labels = names.role("driver");
        Container c = new ContainerBuilder().withName("driver").withImage(options.driverImage())
                .withArgs(DriverArgs.of(names, layout, options))
                .addNewVolumeMount().withName("scenario").withMountPath(SCENARIO_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("reports").withMountPath(REPORT_DIR).endVolumeMount()
                .withResources(memory(768))
                .withSecurityContext(containerSecurity())
                .build();
        PodSpec pod = new PodSpecBuilder(pod(c, "Never"))
                .addNewVolume().withName("scenario").withNewConfigMap().withName(names.scenarioConfigMap()).endConfigMap().endVolume()
                .addNewVolume().withName("reports").withNewPersistentVolumeClaim().withClaimName(names.reportClaim())
                .endPersistentVolumeClaim().endVolume()
                .build();
        return new JobBuilder().withMetadata(meta(names.driverJob(), labels))
                .withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec().build();
    }

    private Service headless(String name, Map<String, String> selector, List<io.fabric8.kubernetes.api.model.ServicePort> ports) {
        return new ServiceBuilder().withMetadata(meta(name, names.common()))
                .withNewSpec().withClusterIP("None")
                // pod DNS names exist from the pod's start, before it is ready: a joining node resolves its seeds
                .withPublishNotReadyAddresses(true)
                .withSelector(selector).withPorts(ports).endSpec().build();
    }

    private static PodSpec pod(Container c, String restartPolicy) {
        return new PodSpecBuilder().withContainers(c).withRestartPolicy(restartPolicy)
                .withEnableServiceLinks(false)
                .withAutomountServiceAccountToken(false)
                // nobody:nogroup, the node image's user
                .withSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(65534L)
                        .withRunAsGroup(65534L).withFsGroup(65534L)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build())
                .build();
    }

    private static io.fabric8.kubernetes.api.model.SecurityContext containerSecurity() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities().build();
    }

    private static io.fabric8.kubernetes.api.model.ResourceRequirements memory(long mib) {
        Quantity mem = new Quantity(mib + "Mi");
        return new ResourceRequirementsBuilder().addToRequests("memory", mem).addToRequests("cpu", new Quantity("50m"))
                .addToLimits("memory", mem).build();
    }

    private ObjectMeta meta(String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build();
    }
}
