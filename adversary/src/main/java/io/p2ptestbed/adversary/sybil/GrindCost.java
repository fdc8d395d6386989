package io.p2ptestbed.adversary.sybil;

/**
 * What making a set of Sybils cost.
 *
 * @param requested       identities asked for
 * @param produced        identities made (fewer when the attempt budget ran out)
 * @param attempts        candidate ids tried
 * @param hashes          hash evaluations spent, as reported by the {@link IdConstraint}
 * @param budgetExhausted whether grinding stopped because an identity exceeded its attempt budget
 */
public record GrindCost(int requested, int produced, long attempts, long hashes, boolean budgetExhausted) {

    public double attemptsPerIdentity() {
        return produced == 0 ? attempts : (double) attempts / produced;
    }

    public double hashesPerIdentity() {
        return produced == 0 ? hashes : (double) hashes / produced;
    }
}
