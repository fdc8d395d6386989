package io.p2ptestbed.harness.swarm;

import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.harness.docker.SocketHostClient;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attackers on the swarm runtime: another service. Attacker pool {@code j} is a swarm service of one task running the
 * overlay's socket host ({@code SocketHostMain}) on the run's overlay network, started when the pool is first used;
 * Sybils and flood sources open their UDP sockets there, on the task's own address (assigned by the swarm, read
 * from its task record), so their datagrams leave from inside the overlay network as the nodes' do. The harness
 * reaches each socket host as it reaches the node hosts, only through the control relay: a byte tunnel
 * ({@code RelayMain --tunnel-port}) carries the socket host's stream protocol. The attack logic stays in the
 * harness, unchanged, on the runtime's attack scheduler.
 *
 * <p>A task has one address and the swarm chooses it, so every identity of a pool shares its IP (many ports);
 * address plans that spread Sybils over /24 networks are the docker runtime's.
 */
final class SwarmAttackers implements AutoCloseable {

    /** Port of the socket host's control stream inside an attacker task. */
    static final int PORT = 7001;

    private final SwarmRuntime rt;
    private final Map<Integer, Pool> pools = new LinkedHashMap<>();

    private record Pool(int ip, SocketHostClient client) {}

    SwarmAttackers(SwarmRuntime rt) {
        this.rt = rt;
    }

    /** Every identity on the one address of pool {@code j}'s task, on consecutive ports from {@code firstPort}. */
    synchronized AddressPlan.SharedIp sharedIp(int j, int firstPort) {
        return new AddressPlan.SharedIp(new NodeAddress(pool(j).ip(), firstPort));
    }

    /** Opens a UDP socket at {@code bind}, which must be the address of a pool's task. */
    synchronized Transport open(NodeAddress bind) {
        for (Pool p : pools.values()) {
            if (p.ip() == bind.ip()) {
                return p.client().open(bind);
            }
        }
        throw new IllegalArgumentException("attacker address " + bind + " is not the address of an attacker task of this "
                + "swarm run (" + pools.size() + " started); on the swarm runtime Sybils share their task's IP: use the "
                + "shared-IP address plans");
    }

    private Pool pool(int j) {
        if (j < 0 || j > 15) {
            throw new IllegalArgumentException("attacker pool " + j + " out of range 0..15");
        }
        return pools.computeIfAbsent(j, this::start);
    }

    private Pool start(int j) {
        String ip = rt.startAttackerService(j, PORT);
        SocketHostClient c = SocketHostClient.connect(ip, PORT, rt.tunnel(), rt.startupMillis());
        return new Pool(SwarmRuntime.ip4(ip), c);
    }

    /** Datagrams sent and received through all attacker tasks. */
    synchronized long[] traffic() {
        long s = 0;
        long r = 0;
        for (Pool p : pools.values()) {
            s += p.client().sent();
            r += p.client().received();
        }
        return new long[] {s, r};
    }

    /** Closes the control streams; the services go with the run's sweep. */
    @Override
    public synchronized void close() {
        pools.values().forEach(p -> p.client().close());
        pools.clear();
    }
}
