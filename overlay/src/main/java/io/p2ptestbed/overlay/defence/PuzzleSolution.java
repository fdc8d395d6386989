package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.NodeId;

/**
 * A node identity that solves the S/Kademlia puzzles, with what it cost to find.
 *
 * @param id            SHA-1 of the proof's public key
 * @param proof         what verifiers check
 * @param c1            static-puzzle difficulty it was made for
 * @param c2            dynamic-puzzle difficulty it was made for
 * @param staticHashes  SHA-1 evaluations spent on the static puzzle (two per candidate key), including any
 *                      spent looking for an id near a chosen target
 * @param dynamicHashes SHA-1 evaluations spent on the dynamic puzzle
 */
public record PuzzleSolution(NodeId id, PuzzleProof proof, int c1, int c2, long staticHashes, long dynamicHashes) {

    public long hashes() {
        return staticHashes + dynamicHashes;
    }
}
