package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where, in the lab, a node's S/Kademlia puzzle proof is found by whoever verifies its id.
 *
 * <p><b>This is a side channel and a simplification.</b> In S/Kademlia the proof travels with every
 * message; over BEP 5 it would be an extra key of the KRPC argument dictionary (say {@code "sk"} holding
 * {@link PuzzleProof#encode()}), which other BEP 5 clients ignore. The testbed does not put it on the
 * wire: a node (honest or Sybil) publishes its proof here when it is created, and verifiers look it up
 * by id. What the defence measures is unchanged, because the registry stores proofs without trusting
 * them: {@link PuzzlePolicy} verifies every proof itself, so an identity is accepted exactly when its
 * owner paid for a valid solution. What it does not model is the proof's bytes on the wire.
 *
 * <p>Shared by all nodes of one network, hence thread-safe.
 */
public final class PuzzleRegistry {

    private final Map<NodeId, PuzzleProof> proofs = new ConcurrentHashMap<>();

    public void register(NodeId id, PuzzleProof proof) {
        proofs.put(id, proof);
    }

    public void register(PuzzleSolution solution) {
        register(solution.id(), solution.proof());
    }

    public Optional<PuzzleProof> proofOf(NodeId id) {
        return Optional.ofNullable(proofs.get(id));
    }

    public int size() {
        return proofs.size();
    }
}
