package io.p2ptestbed.adversary.bitcoin;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Heilman et al.'s attacker has its addresses, inside 127.0.0.0/8, whose second octet is the /16 group a
 * Bitcoin node buckets by. A botnet (the paper's "botnet attack") has its {@code t} addresses spread over as many
 * groups as the lab has (127.1 to 127.250, round robin); an infrastructure attacker (the paper's "infrastructure
 * attack") has them in {@code s} groups of its own (127.201 upwards). Attacker hosts use third octets 100..199,
 * trash (addresses where nothing listens, standing in for the paper's unallocated addresses) 200..254: honest lab
 * nodes (third octet = index / 200) never reach either below 20,000 nodes.
 */
public final class EclipsePlan {

    /** Groups a botnet spreads over (127.1 to 127.250). */
    public static final int LAB_GROUPS = 250;

    private EclipsePlan() {}

    /**
     * The attacker's addresses.
     *
     * @param t      how many
     * @param groups 0 for a botnet over all lab groups; else an infrastructure attacker's number of /16 groups (1..50)
     */
    public static List<NodeAddress> addresses(int t, int groups, int port) {
        if (t < 1 || t > 250 * 100 * 254) {
            throw new IllegalArgumentException("attacker addresses must be in [1, 6,350,000], got " + t);
        }
        if (groups < 0 || groups > 50) {
            throw new IllegalArgumentException("an infrastructure attacker's groups must be in [1, 50] (0: botnet), got " + groups);
        }
        int spread = groups == 0 ? LAB_GROUPS : groups;
        int first = groups == 0 ? 1 : 201;
        List<NodeAddress> out = new ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            int g = first + i % spread;
            int k = i / spread;
            if (k >= 100 * 254) {
                throw new IllegalArgumentException(t + " addresses do not fit " + spread + " groups of the lab");
            }
            out.add(LabGuard.loopbackOnly().check(NodeAddress.of(127, g, 100 + k / 254, 1 + k % 254, port), "attacker address"));
        }
        return out;
    }

    /** {@code n} trash addresses for attacker address number {@code i}, round {@code round}: spread over all lab groups. */
    public static List<NodeAddress> trash(int i, int round, int n, int port) {
        List<NodeAddress> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            long x = ((long) i * 7_919 + (long) round * 104_729 + j) & 0x7FFFFFFFL;
            int g = 1 + (int) (x % LAB_GROUPS);
            long h = x / LAB_GROUPS;
            out.add(NodeAddress.of(127, g, 200 + (int) (h / 254 % 55), 1 + (int) (h % 254), port));
        }
        return out;
    }
}
