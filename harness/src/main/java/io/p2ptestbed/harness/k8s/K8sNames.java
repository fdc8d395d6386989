package io.p2ptestbed.harness.k8s;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names and labels of one scenario's objects. Every object carries {@code io.p2ptestbed=1} and
 * {@code io.p2ptestbed.scenario=<slug>}; pods also carry their role ({@code node}, {@code attacker}, {@code driver})
 * and, for node pods, their group ({@code seed}, {@code boot}, {@code node}).
 *
 * <p>Pod DNS names are {@code <pod>.<service>}: relative to the lab namespace, resolved through the pod's DNS
 * search path, so the manifests also work in a namespace chosen with {@code kubectl -n}.
 */
public record K8sNames(String slug) {

    public static final String ROOT = "io.p2ptestbed";
    public static final String SCENARIO = "io.p2ptestbed.scenario";
    public static final String ROLE = "io.p2ptestbed.role";
    public static final String GROUP = "io.p2ptestbed.group";
    /** Longest slug: the pod name {@code <slug>-attacker-NN} must stay a DNS label (63) with room for 5-digit ordinals. */
    static final int MAX_SLUG = 40;

    /** The slug of a scenario name: lower case, runs of other characters as one '-', starting with a letter. */
    public static K8sNames of(String scenarioName) {
        String s = scenarioName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "s-" + s;
        }
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return new K8sNames(s);
    }

    public String namespace() {
        return "p2ptestbed-" + slug;
    }

    /** The headless Service of the node pods (bootstrap by DNS). */
    public String nodeService() {
        return slug;
    }

    /** The headless Service of the attacker pods (the driver reaches their socket hosts by DNS). */
    public String attackerService() {
        return slug + "-attackers";
    }

    /** The StatefulSet of a node group. */
    public String nodeSet(String group) {
        return slug + "-" + group;
    }

    public String attackerSet() {
        return slug + "-attacker";
    }

    public String scenarioConfigMap() {
        return slug + "-scenario";
    }

    public String reportClaim() {
        return slug + "-reports";
    }

    public String driverJob() {
        return slug + "-driver";
    }

    /** {@code <pod>.<service>} of pod {@code ordinal} of a node group. */
    public String nodeHost(String group, int ordinal) {
        return nodeSet(group) + "-" + ordinal + "." + nodeService();
    }

    public String attackerHost(int ordinal) {
        return attackerSet() + "-" + ordinal + "." + attackerService();
    }

    /** The labels every object of the scenario carries. */
    public Map<String, String> common() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ROOT, "1");
        m.put(SCENARIO, slug);
        return m;
    }

    public Map<String, String> role(String role) {
        Map<String, String> m = common();
        m.put(ROLE, role);
        return m;
    }

    public Map<String, String> nodeGroup(String group) {
        Map<String, String> m = role("node");
        m.put(GROUP, group);
        return m;
    }
}
