package io.p2ptestbed.adversary.lab;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps attack traffic in the lab. Every address an attacker binds to or sends to must lie in
 * 127.0.0.0/8 or in a network explicitly registered with {@link #allowing} (the docker runtime
 * registers its internal bridge subnets). Registered networks must themselves be private
 * (RFC 1918 or loopback) and no wider than a /8, so a typo cannot open the Internet.
 *
 * <p>Immutable and thread-safe: {@code allowing} returns a new guard.
 */
public final class LabGuard {

    /** Networks that may ever be registered: loopback and the RFC 1918 private ranges. */
    public static final List<Cidr> REGISTRABLE = List.of(
            Cidr.LOOPBACK, Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"));

    private static final LabGuard LOOPBACK_ONLY = new LabGuard(List.of(Cidr.LOOPBACK));

    private final List<Cidr> allowed;

    private LabGuard(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** The default guard: 127.0.0.0/8 only. */
    public static LabGuard loopbackOnly() {
        return LOOPBACK_ONLY;
    }

    /** A guard that also allows {@code networks}; each must be private and at most a /8. */
    public LabGuard allowing(Cidr... networks) {
        List<Cidr> next = new ArrayList<>(allowed);
        for (Cidr c : networks) {
            if (REGISTRABLE.stream().noneMatch(r -> r.covers(c))) {
                throw new OutsideLabException("refusing to register lab network " + c
                        + ": only loopback and RFC 1918 private networks can be lab networks");
            }
            next.add(c);
        }
        return new LabGuard(next);
    }

    public List<Cidr> allowedNetworks() {
        return allowed;
    }

    public boolean permits(NodeAddress a) {
        for (Cidr c : allowed) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns {@code a} when it is inside the lab, else throws.
     *
     * @param role what the address is for ("flood target", "sybil bind address"...), for the message
     */
    public NodeAddress check(NodeAddress a, String role) {
        if (!permits(a)) {
            throw new OutsideLabException("refusing " + role + " " + a + ": outside the lab networks " + allowed
                    + " (attack traffic must stay on loopback or on registered lab networks)");
        }
        return a;
    }

    @Override
    public String toString() {
        return "LabGuard" + allowed;
    }
}
