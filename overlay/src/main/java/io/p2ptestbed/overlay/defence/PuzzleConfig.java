package io.p2ptestbed.overlay.defence;

/**
 * Parameters of the {@link PuzzlePolicy}.
 *
 * @param c1            static-puzzle difficulty (leading zero bits of H(H(pubkey)))
 * @param c2            dynamic-puzzle difficulty (leading zero bits of H(id XOR x))
 * @param filterLookups also keep unverifiable contacts out of lookups (S/Kademlia verifies every
 *                      contact it uses); on by default
 */
public record PuzzleConfig(int c1, int c2, boolean filterLookups) implements DefenceSpec {

    public static final String NAME = "puzzle";

    public PuzzleConfig {
        if (c1 < 0 || c1 > 32 || c2 < 0 || c2 > 32) {
            throw new IllegalArgumentException("puzzle c1 and c2 must be in [0, 32], got " + c1 + ", " + c2);
        }
    }

    /** c1 = 8, c2 = 4: cheap enough for thousands of lab nodes, still 2^8 times dearer per chosen id bit. */
    public static PuzzleConfig defaults() {
        return new PuzzleConfig(8, 4, true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toSpec() {
        return NAME + "(c1=" + c1 + ",c2=" + c2 + ",lookups=" + filterLookups + ")";
    }

    static PuzzleConfig parse(SpecParams p) {
        PuzzleConfig c = new PuzzleConfig(p.integer("c1", 8, 0, 32), p.integer("c2", 4, 0, 32), p.bool("lookups", true));
        p.requireAllUsed("c1, c2, lookups");
        return c;
    }
}
