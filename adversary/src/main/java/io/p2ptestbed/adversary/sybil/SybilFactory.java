package io.p2ptestbed.adversary.sybil;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes Sybil identities: for each one, draws candidate ids inside its {@link Placement} and offers
 * them to the {@link IdConstraint} until one passes both, counting attempts and hashes. Addresses come
 * from the {@link AddressPlan} and must pass the {@link LabGuard}. Deterministic for a given generator.
 */
public final class SybilFactory {

    private final RandomGenerator rng;
    private final LabGuard guard;

    public SybilFactory(RandomGenerator rng, LabGuard guard) {
        this.rng = rng;
        this.guard = guard;
    }

    public SybilSet create(SybilSpec spec) {
        List<SybilIdentity> out = new ArrayList<>(spec.count());
        long attempts = 0;
        long hashes = 0;
        boolean exhausted = false;
        for (int i = 0; i < spec.count() && !exhausted; i++) {
            NodeAddress address = guard.check(spec.addresses().address(i), "Sybil address");
            SybilIdentity made = null;
            for (long a = 0; a < spec.attemptBudgetPerIdentity() && made == null; a++) {
                attempts++;
                IdConstraint.Attempt at = spec.constraint().attempt(spec.placement().draw(i, rng), address, rng);
                hashes += at.hashes();
                if (at.valid() && spec.placement().accepts(i, at.id())) {
                    made = new SybilIdentity(at.id(), address, at.proof());
                }
            }
            if (made == null) {
                exhausted = true;
            } else {
                out.add(made);
            }
        }
        return new SybilSet(out, new GrindCost(spec.count(), out.size(), attempts, hashes, exhausted));
    }
}
