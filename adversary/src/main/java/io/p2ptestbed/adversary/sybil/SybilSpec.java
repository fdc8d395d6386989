package io.p2ptestbed.adversary.sybil;

/**
 * What Sybils to make.
 *
 * @param count                    identities wanted, 0..1,000,000
 * @param placement                where their ids must sit
 * @param addresses                where they listen
 * @param constraint               what honest nodes demand of an id (grinding), {@link IdConstraint#NONE} for plain BEP 5
 * @param attemptBudgetPerIdentity attempts allowed per identity before the factory gives up
 */
public record SybilSpec(int count, Placement placement, AddressPlan addresses, IdConstraint constraint,
                        long attemptBudgetPerIdentity) {

    public static final int MAX_COUNT = 1_000_000;
    public static final long DEFAULT_ATTEMPT_BUDGET = 1L << 23;

    public SybilSpec {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("Sybil count must be in [0, " + MAX_COUNT + "], got " + count);
        }
        if (attemptBudgetPerIdentity < 1) {
            throw new IllegalArgumentException("attempt budget must be positive, got " + attemptBudgetPerIdentity);
        }
        if (placement == null || addresses == null || constraint == null) {
            throw new IllegalArgumentException("placement, addresses and constraint are required");
        }
    }

    public static SybilSpec of(int count, Placement placement, AddressPlan addresses) {
        return new SybilSpec(count, placement, addresses, IdConstraint.NONE, DEFAULT_ATTEMPT_BUDGET);
    }

    public SybilSpec withConstraint(IdConstraint c, long attemptBudgetPerIdentity) {
        return new SybilSpec(count, placement, addresses, c, attemptBudgetPerIdentity);
    }
}
