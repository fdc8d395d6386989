package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.RoutingTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Admits only contacts whose id carries a valid S/Kademlia puzzle proof (looked up in the
 * {@link PuzzleRegistry}, then verified here with {@link CryptoPuzzle#check}). Verdicts are cached per
 * id (bounded), so an id costs its verifier three hashes once.
 *
 * <p>Reasons: {@code "puzzle: no proof for 1a2b3c4d"}, {@code "puzzle: static puzzle unsolved (c1=8)"}...
 * Counters ({@code defence.puzzle.*}): {@code checked}, {@code rejected}, {@code rejected_no_proof},
 * {@code rejected_invalid}, {@code lookup_filtered}, {@code verify_hashes}.
 */
public final class PuzzlePolicy extends IdCheckPolicy {

    private static final int CACHE_SIZE = 8_192;
    private static final String NO_PROOF = "no proof for ";

    private final PuzzleConfig config;
    private final PuzzleRegistry registry;
    private final Map<NodeId, Optional<String>> verdicts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, Optional<String>> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public PuzzlePolicy(PuzzleConfig config, PuzzleRegistry registry) {
        super(new Counters("puzzle", "checked", "rejected", "rejected_no_proof", "rejected_invalid", "lookup_filtered",
                "verify_hashes"), config.filterLookups());
        this.config = config;
        this.registry = registry;
    }

    @Override
    public String name() {
        return PuzzleConfig.NAME;
    }

    /** Why the id fails, or empty when its proof verifies. */
    private Optional<String> verdict(NodeId id) {
        Optional<String> v = verdicts.get(id);
        if (v == null) {
            Optional<PuzzleProof> proof = registry.proofOf(id);
            if (proof.isEmpty()) {
                return Optional.of(NO_PROOF + id.shortHex()); // not cached: the owner may publish its proof later
            }
            counters.add("verify_hashes", 3);
            v = CryptoPuzzle.check(id, proof.get(), config.c1(), config.c2());
            verdicts.put(id, v);
        }
        return v;
    }

    @Override
    public Optional<String> check(Contact candidate, RoutingTable table, int bucket) {
        counters.inc("checked");
        Optional<String> why = verdict(candidate.id());
        if (why.isEmpty()) {
            return Optional.empty();
        }
        counters.inc("rejected");
        counters.inc(why.get().startsWith(NO_PROOF) ? "rejected_no_proof" : "rejected_invalid");
        return Optional.of(PuzzleConfig.NAME + ": " + why.get());
    }

    @Override
    boolean passes(Contact c) {
        return verdict(c.id()).isEmpty();
    }
}
