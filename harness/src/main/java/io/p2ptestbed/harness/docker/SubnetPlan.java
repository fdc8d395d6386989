package io.p2ptestbed.harness.docker;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * Static addresses on a lab network, chosen so that per-subnet defences see a realistic spread: the
 * network's /24 blocks are split into honest blocks and a few attacker blocks at the top. Honest
 * container {@code c} gets host {@code 10 + c / H} of honest block {@code c % H} (H honest blocks), so
 * consecutive containers sit in different /24s, as on the real Internet. Attacker pool {@code j} is the
 * whole /24 block {@code H + j}; its socket-host container lives at host .254 and its Sybils at .1 up.
 * Block 0 keeps .1 for the bridge gateway; hosts below 10 stay free. A botnet spread over many /24s (Heilman et al.'s
 * eclipse with Bitcoin's /24 groups in containers) has its addresses in the honest blocks at hosts .100 to .199
 * ({@link #botnet}), and its trash (addresses where nothing listens) at .200 to .253 ({@link #trash}), as
 * {@code EclipsePlan} has them at 127.X.100-254 on loopback: honest hosts stay below .100 (at most 90 containers per
 * honest block), so neither range ever holds an honest address.
 *
 * @param subnet          the lab network's subnet (a /24 or wider)
 * @param honestBlocks    number of /24 blocks for honest containers
 * @param attackerBlocks  number of /24 blocks for attacker pools
 */
public record SubnetPlan(Cidr subnet, int honestBlocks, int attackerBlocks) {

    /** First host number of honest containers in a block. */
    static final int FIRST_HOST = 10;
    /** Host number of an attacker pool's socket host. */
    static final int ATTACKER_HOST = 254;
    /** Hosts of botnet addresses in honest blocks: .100 to .199 (honest hosts stay below). */
    static final int BOTNET_FIRST_HOST = 100;
    static final int BOTNET_HOSTS = 100;
    /** Hosts of trash addresses in honest blocks: .200 to .253, where nothing listens. */
    static final int TRASH_FIRST_HOST = 200;
    static final int TRASH_HOSTS = 54;

    public SubnetPlan {
        if (subnet.prefixLength() > 22) {
            throw new IllegalArgumentException("the lab network " + subnet + " is too small: need a /22 or wider");
        }
        int blocks = 1 << (24 - subnet.prefixLength());
        if (honestBlocks < 1 || attackerBlocks < 1 || honestBlocks + attackerBlocks > blocks) {
            throw new IllegalArgumentException("cannot fit " + honestBlocks + " + " + attackerBlocks + " /24 blocks in " + subnet);
        }
    }

    /** A plan for {@code subnet}: a quarter of the /24 blocks (at most 16) are attacker pools. */
    public static SubnetPlan of(String subnetCidr) {
        Cidr c = Cidr.parse(subnetCidr);
        int blocks = c.prefixLength() > 24 ? 0 : 1 << (24 - c.prefixLength());
        int attackers = Math.max(1, Math.min(16, blocks / 4));
        return new SubnetPlan(c, blocks - attackers, attackers);
    }

    /** Most honest containers this plan can address (hosts .10 to .99 of every honest block; .100 up are the botnet's). */
    public int honestCapacity() {
        return honestBlocks * (BOTNET_FIRST_HOST - FIRST_HOST);
    }

    /**
     * {@code t} botnet addresses on {@code port}: round robin over the honest /24 blocks (address i in block i mod H),
     * hosts .100 to .199, so t addresses cover min(t, H) /24s; never an honest address, never an attacker pool's.
     */
    public java.util.List<NodeAddress> botnet(int t, int port) {
        if (t < 1 || t > honestBlocks * BOTNET_HOSTS) {
            throw new IllegalArgumentException("botnet addresses must be in [1, " + honestBlocks * BOTNET_HOSTS + "] on "
                    + subnet + " (" + honestBlocks + " honest /24s of " + BOTNET_HOSTS + " hosts), got " + t);
        }
        java.util.List<NodeAddress> out = new java.util.ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            out.add(new NodeAddress(block(i % honestBlocks) + BOTNET_FIRST_HOST + i / honestBlocks, port));
        }
        return out;
    }

    /**
     * {@code n} trash addresses for botnet address {@code i} in round {@code round} (the paper's unallocated addresses,
     * sent in addr messages into the victim's "new" table): spread over the honest blocks at hosts .200 to .253,
     * where nothing listens.
     */
    public java.util.List<NodeAddress> trash(int i, int round, int n, int port) {
        java.util.List<NodeAddress> out = new java.util.ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            long x = ((long) i * 7_919 + (long) round * 104_729 + j) & 0x7FFFFFFFL;
            out.add(new NodeAddress(block((int) (x % honestBlocks)) + TRASH_FIRST_HOST + (int) (x / honestBlocks % TRASH_HOSTS),
                    port));
        }
        return out;
    }

    /** Whether {@code ip} is a botnet address of this plan (an honest block, hosts .100 to .199). */
    public boolean inBotnetRange(int ip) {
        if (!subnet.contains(ip)) {
            return false;
        }
        int b = (ip - subnet.network()) >>> 8;
        int host = ip & 0xFF;
        return b < honestBlocks && host >= BOTNET_FIRST_HOST && host < BOTNET_FIRST_HOST + BOTNET_HOSTS;
    }

    /** IP of honest container {@code c}. */
    public int honestIp(int c) {
        if (c < 0 || c >= honestCapacity()) {
            throw new IllegalArgumentException("honest container " + c + " does not fit in " + subnet
                    + " (capacity " + honestCapacity() + ")");
        }
        return block(c % honestBlocks) + FIRST_HOST + c / honestBlocks;
    }

    /** The /24 of attacker pool {@code j}. */
    public Cidr attackerPool(int j) {
        if (j < 0 || j >= attackerBlocks) {
            throw new IllegalArgumentException("attacker pool " + j + " out of range: this network has " + attackerBlocks);
        }
        return new Cidr(block(honestBlocks + j), 24);
    }

    /** Hosts of the attacker's node containers in attacker pool 0: .200 to .253 (its Sybil addresses are .1 up). */
    static final int ATTACKER_NODE_FIRST_HOST = 200;

    /**
     * IP of the attacker's node container {@code j} (a node of the overlay's own code run by the attacker, e.g. a Sybil
     * super-peer): attacker pool 0, host {@code 200 + j}, so never an honest address nor the pool's socket host (.254).
     */
    public int attackerNodeIp(int j) {
        if (j < 0 || j >= ATTACKER_HOST - ATTACKER_NODE_FIRST_HOST) {
            throw new IllegalArgumentException("attacker node containers are numbered 0.." + (ATTACKER_HOST - ATTACKER_NODE_FIRST_HOST - 1)
                    + " (hosts ." + ATTACKER_NODE_FIRST_HOST + " to .253 of " + attackerPool(0) + "), got " + j);
        }
        return attackerPool(0).network() + ATTACKER_NODE_FIRST_HOST + j;
    }

    /** IP of the socket host of attacker pool {@code j}. */
    public int attackerHostIp(int j) {
        return attackerPool(j).network() + ATTACKER_HOST;
    }

    /** Host {@code host} (1..253) of attacker pool {@code j}: Sybil addresses beside the socket host's own. */
    public int attackPoolIp(int j, int host) {
        if (host < 1 || host > 253) {
            throw new IllegalArgumentException("attacker host number must be in [1, 253], got " + host);
        }
        return attackerPool(j).network() + host;
    }

    /** The attacker pool holding {@code ip}, or -1. */
    public int poolOf(int ip) {
        for (int j = 0; j < attackerBlocks; j++) {
            if (attackerPool(j).contains(ip)) {
                return j;
            }
        }
        return -1;
    }

    private int block(int b) {
        return subnet.network() + (b << 8);
    }

    public static String dotted(int ip) {
        return new NodeAddress(ip, 0).host();
    }
}
