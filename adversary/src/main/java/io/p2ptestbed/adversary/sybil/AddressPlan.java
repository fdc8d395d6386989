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
     * Distinct IPs spread round-robin over {@code pools}: Sybil i gets host {@code 1 + i / pools.size()}
     * of pool {@code i % pools.size()}, all on {@code port}.
     */
    record Spread(List<Cidr> pools, int port) implements AddressPlan {
        public Spread {
            pools = List.copyOf(pools);
            if (pools.isEmpty()) {
                throw new IllegalArgumentException("Spread needs at least one address pool");
            }
        }

        public NodeAddress address(int index) {
            Cidr pool = pools.get(index % pools.size());
            long host = 1L + index / pools.size();
            if (index < 0 || host >= pool.size() - 1) {
                throw new IllegalArgumentException("address pool " + pool + " exhausted at Sybil " + index);
            }
            return new NodeAddress(pool.ipAt(host), port);
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
