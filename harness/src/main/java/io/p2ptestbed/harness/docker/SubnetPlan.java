package io.p2ptestbed.harness.docker;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.overlay.id.NodeAddress;

/**
 * Static addresses on a lab network, chosen so that per-subnet defences see a realistic spread: the
 * network's /24 blocks are split into honest blocks and a few attacker blocks at the top. Honest
 * container {@code c} gets host {@code 10 + c / H} of honest block {@code c % H} (H honest blocks), so
 * consecutive containers sit in different /24s, as on the real Internet. Attacker pool {@code j} is the
 * whole /24 block {@code H + j}; its socket-host container lives at host .254 and its Sybils at .1 up.
 * Block 0 keeps .1 for the bridge gateway; hosts below 10 stay free.
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

    /** Most honest containers this plan can address. */
    public int honestCapacity() {
        return honestBlocks * (ATTACKER_HOST - FIRST_HOST);
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
