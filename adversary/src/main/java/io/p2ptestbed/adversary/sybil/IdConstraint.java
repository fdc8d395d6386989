package io.p2ptestbed.adversary.sybil;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.function.BiPredicate;
import java.util.function.ToLongBiFunction;
import java.util.random.RandomGenerator;

/**
 * A rule an id must satisfy for honest nodes to accept it (BEP 42's IP binding, an S/Kademlia crypto
 * puzzle, ...), seen from the attacker who has to grind for it. One call is one grinding attempt.
 *
 * <p>Two shapes fit: a <em>predicate</em> on a freely chosen id ({@link #predicate}; BEP 42 style, the
 * attempt keeps the drawn id and says whether it passes), and a <em>derivation</em> where the id is an
 * output (S/Kademlia style: the attempt makes a fresh key or nonce from {@code rng}, derives the id,
 * and returns the key material as {@code proof}); the factory then checks the placement on the result.
 */
@FunctionalInterface
public interface IdConstraint {

    /**
     * @param id     the id this attempt produced
     * @param valid  whether it satisfies the constraint
     * @param hashes hash evaluations this attempt cost (the attacker's work)
     * @param proof  material a verifier needs besides the id (public key, nonce), or null
     */
    record Attempt(NodeId id, boolean valid, long hashes, byte[] proof) {}

    /**
     * One attempt.
     *
     * @param draw    a random id already inside the Sybil's placement region
     * @param address the address the Sybil will use (BEP 42 binds ids to it)
     */
    Attempt attempt(NodeId draw, NodeAddress address, RandomGenerator rng);

    /** No constraint: every drawn id is valid and costs nothing (plain Mainline DHT). */
    IdConstraint NONE = (draw, address, rng) -> new Attempt(draw, true, 0, null);

    /** A check on freely chosen ids, costing {@code hashCost} hash evaluations per candidate. */
    static IdConstraint predicate(BiPredicate<NodeId, NodeAddress> accepts, ToLongBiFunction<NodeId, NodeAddress> hashCost) {
        return (draw, address, rng) -> new Attempt(draw, accepts.test(draw, address), hashCost.applyAsLong(draw, address), null);
    }
}
