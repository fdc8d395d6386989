package io.p2ptestbed.harness.ethereum;

import io.p2ptestbed.adversary.ethereum.EthSybil;
import io.p2ptestbed.adversary.ethereum.MarcusPlan;
import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.docker.AttackerHosts;
import io.p2ptestbed.harness.docker.ControlClient;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.docker.SchedulerBoundTransport;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.ethereum.EthConfig;
import io.p2ptestbed.overlay.ethereum.NodeKey;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Marcus et al.'s eclipse in containers ({@link MarcusEclipse.Lab} of the docker runtime): the attacker's hosts are
 * attacker containers, host h the socket host of attacker pool h (its own /24 of the lab network, at .254), and each
 * attacker id has a UDP socket (discovery v4) and a TCP stream endpoint (devp2p) in that container, at its own port;
 * the adversary's {@link EthSybil}, unchanged, runs in the harness on the attackers' scheduler. The victims are node
 * containers, read and restarted through their control interface ({@code GET /v1/peers}, {@code GET
 * /v1/ethereum/table}, {@code POST /v1/restart}).
 */
public final class DockerMarcus implements MarcusEclipse.Lab {

    /** The attacker ids' first port on each attacker host (geth's listening port). */
    public static final int BASE_PORT = 30_303;

    private final DockerRuntime rt;
    private final Seeds seeds;

    public DockerMarcus(DockerRuntime rt) {
        this.rt = rt;
        this.seeds = new Seeds(rt.scenario().seed());
    }

    @Override
    public EthConfig config() {
        return EthConfig.of(rt.scenario().protocol());
    }

    /** The ids round robin over the socket hosts of the first {@code ips} attacker pools, each pool a /24 of its own. */
    @Override
    public List<NodeAddress> attackerAddresses(int ids, int ips) {
        if (ips > rt.attackers().pools()) {
            throw new IllegalArgumentException(ips + " attacker IP addresses asked, but this lab network has "
                    + rt.attackers().pools() + " attacker pools (one /24 and one container each)");
        }
        List<Integer> hosts = new ArrayList<>();
        for (int h = 0; h < ips; h++) {
            hosts.add(rt.plan().attackerHostIp(h));
        }
        return MarcusPlan.addresses(ids, hosts, BASE_PORT, rt.attackers().guard());
    }

    @Override
    public RandomGenerator keyStream(int i) {
        return seeds.stream("marcus-sybil", i);
    }

    @Override
    public EthSybil boot(NodeAddress address, NodeKey key, EthSybil.Roster roster, RandomGenerator rng) {
        AttackerHosts a = rt.attackers();
        SchedulerBoundTransport udp = new SchedulerBoundTransport(a.open(address), a.scheduler());
        StreamTransport streams = a.openStreams(address, StreamLimits.DEFAULT);
        EthSybil s = new EthSybil(address, key, udp, streams, a.scheduler(), roster, a.guard(), rng);
        try {
            CompletableFuture.runAsync(s::start, a.scheduler()::execute).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the attacker id at " + address + ": " + e, e);
        }
        return s;
    }

    @Override
    public void advance(long millis) {
        rt.advance(millis);
    }

    @Override
    public MarcusEclipse.Peers peers(NodeHandle victim) {
        DockerNode n = (DockerNode) victim;
        return peers(n.control(), n.slot());
    }

    @Override
    public void restart(NodeHandle victim, long downMillis) {
        DockerNode n = (DockerNode) victim;
        restart(n.control(), n.slot(), downMillis);
    }

    /** {@code GET /v1/peers} and {@code GET /v1/ethereum/table} of node {@code node} of a node host. */
    public static MarcusEclipse.Peers peers(ControlClient control, int node) {
        Fields f = control.call("GET", "peers", node, null);
        Fields t = control.call("GET", "ethereum/table", node, null);
        return new MarcusEclipse.Peers(addresses(f, "outbound"), addresses(f, "inbound"), addresses(t, "table"));
    }

    /** {@code POST /v1/restart}: node {@code node} restarts (geth's restart), down for {@code downMillis}, its db kept. */
    public static void restart(ControlClient control, int node, long downMillis) {
        control.call("POST", "restart", node, Map.of("downMillis", downMillis));
    }

    /** Stops every id (its connections reset, its listener closed) on the attackers' scheduler. */
    public void stop(List<EthSybil> sybils) {
        try {
            CompletableFuture.runAsync(() -> sybils.forEach(EthSybil::stop), rt.attackers().scheduler()::execute)
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the attacker's ids: " + e, e);
        }
    }

    /**
     * The ids' counters summed: {@code held} their open devp2p connections, {@code hold.unknown_id} the holds given up
     * because no signed packet of the victim had taught the id its key.
     */
    public Map<String, Long> counters(List<EthSybil> sybils) {
        return rt.attackers().counters(sybils);
    }

    private static List<NodeAddress> addresses(Fields f, String name) {
        List<NodeAddress> out = new ArrayList<>();
        for (Object o : Fields.list(f.get(name), name)) {
            out.add(NodeAddress.parse(String.valueOf(o)));
        }
        return out;
    }
}
