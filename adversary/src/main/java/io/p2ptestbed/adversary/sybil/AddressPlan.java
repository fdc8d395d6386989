package io.p2ptestbed.adversary.sybil;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Sybil number {@code index} listens. Honest lab nodes live in 127.1.0.0 to 127.200.255.255;
 * the factories here stay at 127.201.0.0 and above.
 */
public sealed interface AddressPlan {

    NodeAddress address(int index);

    /** All Sybils on one IP, consecutive ports from {@code first.port()}: cheap, and caught by per-IP limits. */
    record SharedIp(NodeAddress first) implements AddressPlan {
        public NodeAddress address(int index) {
            int port = first.port() + index;
            if (index < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("no port left on " + first.host() + " for Sybil " + index);
            }
            return new NodeAddress(first.ip(), port);
        }
    }

    /**
     * IPs spread round-robin over {@code pools}: Sybil i gets host {@code 1 + i / pools.size()} of pool
     * {@code i % pools.size()}, on {@code port}. Once every usable host of every pool has a Sybil (a /24
     * has 254), the next round starts again at the first host of the first pool, one port up: Sybil
     * {@code i} is in round {@code r = i / capacity()} on port {@code port + r}. So, as in a real attack,
     * many Sybils share an IP on different ports, and per-IP defences see them as one IP. Addresses stay
     * inside the pools (hence in the lab: the {@code LabGuard} still checks each); ports above 65535
     * are refused.
     */
    record Spread(List<Cidr> pools, int port) implements AddressPlan {
        public Spread {
            pools = List.copyOf(pools);
            if (pools.isEmpty()) {
                throw new IllegalArgumentException("Spread needs at least one address pool");
            }
            for (Cidr c : pools) {
                if (c.size() < 4) {
                    throw new IllegalArgumentException("address pool " + c + " has no usable host (a /30 or wider is needed)");
                }
            }
            if (port < 1 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be in [1, 65535], got " + port);
            }
        }

        /** Sybils one round of addresses holds: every usable host (network and broadcast excluded) of every pool. */
        public long capacity() {
            long hosts = pools.stream().mapToLong(c -> c.size() - 2).min().orElseThrow();
            return hosts * pools.size();
        }

        /** How many Sybils this plan can place in all: a round per port from {@code port} to 65535. */
        public long maxSybils() {
            return capacity() * (0x10000L - port);
        }

        public NodeAddress address(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("Sybil index must be non-negative, got " + index);
            }
            long round = index / capacity();
            int inRound = (int) (index % capacity());
            Cidr pool = pools.get(inRound % pools.size());
            long host = 1L + inRound / pools.size();
            if (port + round > 0xFFFF) {
                throw new IllegalArgumentException("no address left for Sybil " + index + ": " + pools.size()
                        + " pools of " + capacity() / pools.size() + " hosts on ports " + port
                        + " to 65535 hold " + maxSybils() + " Sybils");
            }
            return new NodeAddress(pool.ipAt(host), (int) (port + round));
        }
    }

    /** One IP, many ports: 127.201.0.1 from port {@code firstPort}. */
    static SharedIp sharedIp(int firstPort) {
        return new SharedIp(NodeAddress.of(127, 201, 0, 1, firstPort));
    }

    /**
     * Distinct addresses across {@code count} /24 networks 127.(201 + j / 256).(j % 256).0/24, the same
     * numbering as the harness' attacker addresses.
     */
    static Spread slash24s(int count, int port) {
        if (count < 1 || count > 50 * 256) {
            throw new IllegalArgumentException("number of /24 networks must be in [1, 12800], got " + count);
        }
        List<Cidr> pools = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            pools.add(new Cidr(NodeAddress.of(127, 201 + j / 256, j % 256, 0, 0).ip(), 24));
        }
        return new Spread(pools, port);
    }

    /** Distinct addresses across {@code count} /16 networks 127.(201 + j).0.0/16. */
    static Spread slash16s(int count, int port) {
        if (count < 1 || count > 55) {
            throw new IllegalArgumentException("number of /16 networks must be in [1, 55], got " + count);
        }
        List<Cidr> pools = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            pools.add(new Cidr(NodeAddress.of(127, 201 + j, 0, 0, 0).ip(), 16));
        }
        return new Spread(pools, port);
    }
}
