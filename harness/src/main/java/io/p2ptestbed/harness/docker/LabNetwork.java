package io.p2ptestbed.harness.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network.Ipam;
import io.p2ptestbed.adversary.lab.Cidr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;

/**
 * An <em>internal</em> (no route off the bridge: no NAT, no gateway to the outside) labelled Docker bridge network
 * for one run. The host still reaches containers on it by container IP, so the harness JVM on the host can talk to
 * every node's UDP/TCP ports directly without port publishing.
 *
 * <p>Created eagerly by {@link #create}; {@link #close()} removes it (containers must be stopped first; use
 * {@link DockerSweeper} as the safety net).
 */
public final class LabNetwork implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final String runId;
    private final String name;
    private final Network network;
    private final String id;

    private LabNetwork(String runId, String name, Network network) {
        this.runId = runId;
        this.name = name;
        this.network = network;
        this.id = network.getId(); // Testcontainers creates networks lazily: force creation now
    }

    /**
     * Internal network named {@code p2ptb-<runId>-<n>} on a free /16 of 10.128.0.0/9 (static container IPs need
     * a user-configured subnet): one that overlaps neither another Docker network nor a route of the host.
     */
    public static LabNetwork create(String runId) {
        return create(runId, freeSubnets(runId));
    }

    /**
     * As {@link #create(String)}, but trying first the /16 that {@code seed} picks ({@link #preferredFor}): every
     * container's address, and so every id bound to an address (Pastry's and Chord's {@code bindIds}), is then the
     * same in every run of one seed, as on the in-JVM runtimes. Only when another network holds that /16 (a parallel
     * run) does the run fall back to the next free one, and says so.
     */
    public static LabNetwork createForSeed(String runId, long seed) {
        int start = preferredFor(seed);
        List<Cidr> free = freeSubnets(start);
        Cidr preferred = candidate(start);
        if (free.isEmpty() || !free.get(0).equals(preferred)) {
            System.err.println("[docker] the lab network of seed " + seed + ", " + preferred + ", is taken by another "
                    + "network: this run's addresses (and any ids bound to them) differ from other runs of the seed");
        }
        return create(runId, free);
    }

    /** The candidate /16 (an index in [0, 128) of 10.128.0.0/9) that a seed's runs try first. */
    static int preferredFor(long seed) {
        return (int) Math.floorMod(seed * 0x9E3779B97F4A7C15L >>> 32, (long) CANDIDATES);
    }

    private static LabNetwork create(String runId, List<Cidr> free) {
        RuntimeException last = null;
        for (Cidr c : free) {
            try {
                return create(runId, c.toString());
            } catch (RuntimeException e) {
                last = e; // raced with another run for the same pool: try the next one
            }
        }
        throw new IllegalStateException("no free /16 for a lab network in 10.128.0.0/9"
                + (last == null ? "" : ": " + last.getMessage()), last);
    }

    /**
     * The /16s of 10.128.0.0/9 that overlap neither a Docker network nor a route of the host, starting at one
     * chosen by the run id (so parallel runs try different ones first). The swarm runtime's overlay networks
     * come from here too.
     */
    public static List<Cidr> freeSubnets(String runId) {
        return freeSubnets(Math.floorMod(runId.hashCode(), CANDIDATES));
    }

    /** The free /16s of 10.128.0.0/9 (as {@link #freeSubnets(String)}), starting at candidate {@code start}. */
    static List<Cidr> freeSubnets(int start) {
        List<Cidr> taken = takenSubnets();
        List<Cidr> out = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
            Cidr c = candidate(start + i);
            if (taken.stream().noneMatch(t -> t.covers(c) || c.covers(t))) {
                out.add(c);
            }
        }
        return out;
    }

    private static final int CANDIDATES = 128;

    /** Candidate {@code i} (mod 128): the /16 10.(128 + i).0.0. */
    private static Cidr candidate(int i) {
        return new Cidr(Cidr.parse("10.128.0.0/16").network() + (Math.floorMod(i, CANDIDATES) << 16), 16);
    }

    /** Subnets of existing Docker networks and of the host's routes (except the default route). */
    static List<Cidr> takenSubnets() {
        List<Cidr> out = new ArrayList<>();
        for (com.github.dockerjava.api.model.Network n : client().listNetworksCmd().exec()) {
            if (n.getIpam() != null && n.getIpam().getConfig() != null) {
                for (Ipam.Config c : n.getIpam().getConfig()) {
                    if (c.getSubnet() != null && c.getSubnet().matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
                        out.add(Cidr.parse(c.getSubnet()));
                    }
                }
            }
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/route"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8 || f[1].equals("Destination") || f[1].equals("00000000")) {
                    continue;
                }
                int dest = Integer.reverseBytes((int) Long.parseLong(f[1], 16));
                int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
                out.add(new Cidr(dest, Integer.bitCount(mask)));
            }
        } catch (IOException | RuntimeException ignored) {
            // no route table readable: Docker's own overlap check still applies
        }
        return out;
    }

    /**
     * Internal network with an explicit subnet (e.g. {@code "10.201.0.0/16"} for more than 65k addresses or to keep
     * IPs stable across runs); {@code subnetCidr} null lets Docker choose.
     */
    public static LabNetwork create(String runId, String subnetCidr) {
        DockerLabels.requireRunId(runId);
        String name = "p2ptb-" + runId + "-" + SEQ.incrementAndGet();
        Map<String, String> labels = new HashMap<>(DockerLabels.forRun(runId));
        Network net = Network.builder()
                .driver("bridge")
                .createNetworkCmdModifier(cmd -> {
                    cmd.withName(name).withInternal(true).withLabels(labels);
                    if (subnetCidr != null) {
                        // name the IPAM driver: with an empty name the engine (20.10) fails its plugin refcount
                        // operations ("legacy plugin: Unable to find plugin without name") and now and then loses
                        // count of the network's endpoints, which then cannot be removed until dockerd restarts
                        cmd.withIpam(new Ipam().withDriver("default").withConfig(new Ipam.Config().withSubnet(subnetCidr)));
                    }
                })
                .build();
        return new LabNetwork(runId, name, net);
    }

    /** The Testcontainers handle, for {@code GenericContainer.withNetwork}. */
    public Network network() {
        return network;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String runId() {
        return runId;
    }

    /** Asks the engine (not the cached request) whether the network is internal. */
    public boolean isInternal() {
        return Boolean.TRUE.equals(inspect().getInternal());
    }

    /** Subnets actually assigned by the engine. */
    public List<String> subnets() {
        Ipam ipam = inspect().getIpam();
        return ipam == null || ipam.getConfig() == null ? List.of()
                : ipam.getConfig().stream().map(Ipam.Config::getSubnet).toList();
    }

    public Map<String, String> labels() {
        return inspect().getLabels();
    }

    public com.github.dockerjava.api.model.Network inspect() {
        return client().inspectNetworkCmd().withNetworkId(id).exec();
    }

    /** Removes the network; a no-op if it is already gone. Fails if containers are still attached. */
    @Override
    public void close() {
        try {
            client().removeNetworkCmd(id).exec();
        } catch (NotFoundException gone) {
            // already swept
        }
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public String toString() {
        return "LabNetwork[" + name + " " + id.substring(0, Math.min(12, id.length())) + "]";
    }
}
