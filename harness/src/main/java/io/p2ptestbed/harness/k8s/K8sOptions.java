package io.p2ptestbed.harness.k8s;

import io.p2ptestbed.adversary.lab.Cidr;
import java.util.regex.Pattern;

/**
 * What a cluster needs beyond the scenario: where the images are, how nodes are packed into pods, the cluster's
 * pod network (the attackers' lab guard) and the report volume.
 *
 * @param namespace    the lab namespace; null = {@code p2ptestbed-<scenario>}
 * @param nodeImage    the node image ({@code overlay-node.jar} on the testbed's runtime; docs/kubernetes.md)
 * @param driverImage  the driver image (the same runtime plus {@code testbed.jar})
 * @param nodesPerPod  overlay nodes per node pod (node-host {@code --nodes}); the scenario's node count must divide by it
 * @param attackerPods socket-host pods for Sybils and flood sources (0 = none)
 * @param podCidr      the cluster's pod network: the only destinations the attacker pods send to
 * @param storageClass storage class of the report volume; null = the cluster's default
 * @param reportSize   size of the report volume, a Kubernetes quantity such as {@code 1Gi}
 */
public record K8sOptions(String namespace, String nodeImage, String driverImage, int nodesPerPod, int attackerPods,
                         String podCidr, String storageClass, String reportSize) {

    public static final String DEFAULT_NODE_IMAGE = "p2ptestbed/node:0.1.0";
    public static final String DEFAULT_DRIVER_IMAGE = "p2ptestbed/testbed:0.1.0";
    /** Private addresses (RFC 1918 10/8): the usual home of a cluster's pod network; check yours. */
    public static final String DEFAULT_POD_CIDR = "10.0.0.0/8";
    public static final int MAX_NODE_PODS = 5_000;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?");

    public K8sOptions {
        if (namespace != null && (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches())) {
            throw new IllegalArgumentException("--namespace must be a DNS label (lower-case letters, digits and '-', "
                    + "at most 63), got '" + namespace + "'");
        }
        requireImage("--node-image", nodeImage);
        requireImage("--driver-image", driverImage);
        if (nodesPerPod < 1 || nodesPerPod > 1024) {
            throw new IllegalArgumentException("--nodes-per-pod must be in [1, 1024], got " + nodesPerPod);
        }
        if (attackerPods < 0 || attackerPods > 64) {
            throw new IllegalArgumentException("--attacker-pods must be in [0, 64], got " + attackerPods);
        }
        try {
            Cidr.parse(podCidr);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--pod-cidr must be A.B.C.D/LEN, got '" + podCidr + "'");
        }
        if (storageClass != null && !DNS_LABEL.matcher(storageClass).matches()) {
            throw new IllegalArgumentException("--storage-class must be a DNS label, got '" + storageClass + "'");
        }
        if (reportSize == null || !QUANTITY.matcher(reportSize).matches()) {
            throw new IllegalArgumentException("--report-size must be a quantity such as 1Gi or 500Mi, got '" + reportSize + "'");
        }
    }

    public static K8sOptions defaults() {
        return new K8sOptions(null, DEFAULT_NODE_IMAGE, DEFAULT_DRIVER_IMAGE, 1, 1, DEFAULT_POD_CIDR, null, "1Gi");
    }

    private static void requireImage(String option, String image) {
        if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(option + " must be an image reference such as registry/p2ptestbed/node:0.1.0, got '"
                    + image + "'");
        }
    }
}
