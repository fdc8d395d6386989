package io.p2ptestbed.adversary.ethereum;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Marcus, Heilman and Goldberg's attacker has its ids: {@code ips} hosts (the paper's attack needs two, each
 * with one IP address), each in a /24 of its own (127.54.(200 + h).10, where no honest lab node lives below 40,000
 * nodes), and its ids spread round robin over them, each at its own port ({@code basePort} + 1 + k on its host).
 */
public final class MarcusPlan {

    /** Hosts at most (one /24 each). */
    public static final int MAX_IPS = 50;
    /** Ids per host at most (ports above the base port). */
    public static final int MAX_IDS_PER_IP = 20_000;

    private MarcusPlan() {}

    public static NodeAddress host(int h, int port) {
        return NodeAddress.of(127, 54, 200 + h, 10, port);
    }

    /** The addresses of {@code ids} attacker ids on {@code ips} hosts. */
    public static List<NodeAddress> addresses(int ids, int ips, int basePort) {
        if (ips < 1 || ips > MAX_IPS) {
            throw new IllegalArgumentException("attacker IP addresses must be in [1, " + MAX_IPS + "], got " + ips);
        }
        List<Integer> hosts = new ArrayList<>();
        for (int h = 0; h < ips; h++) {
            hosts.add(host(h, 0).ip());
        }
        return addresses(ids, hosts, basePort, LabGuard.loopbackOnly());
    }

    /**
     * The addresses of {@code ids} attacker ids spread round robin over the IP addresses {@code hostIps} (each in a /24
     * of its own: the attacker's hosts), id k at port {@code basePort} + 1 + k / hosts; every address passes {@code guard}
     * (containers: the attacker containers' own addresses in the run's lab network).
     */
    public static List<NodeAddress> addresses(int ids, List<Integer> hostIps, int basePort, LabGuard guard) {
        int ips = hostIps.size();
        if (ips < 1 || ips > MAX_IPS) {
            throw new IllegalArgumentException("attacker IP addresses must be in [1, " + MAX_IPS + "], got " + ips);
        }
        if (ids < 1 || ids > ips * MAX_IDS_PER_IP) {
            throw new IllegalArgumentException("attacker ids must be in [1, " + (ips * MAX_IDS_PER_IP) + "] for " + ips
                    + " IP addresses, got " + ids);
        }
        if (basePort + 1 + (ids + ips - 1) / ips > 65_535) {
            throw new IllegalArgumentException(ids + " ids on " + ips + " IP addresses need ports above " + basePort
                    + " up to " + (basePort + (ids + ips - 1) / ips) + ", beyond 65535");
        }
        List<NodeAddress> out = new ArrayList<>(ids);
        for (int i = 0; i < ids; i++) {
            NodeAddress h = new NodeAddress(hostIps.get(i % ips), basePort + 1 + i / ips);
            out.add(guard.check(h, "attacker address"));
        }
        return out;
    }
}
