package io.p2ptestbed.overlay.defence;

/**
 * Sets the size s of the node's S/Kademlia sibling list (every node keeps one; the default is 2k).
 * S/Kademlia asks for s >= k.
 */
public record SiblingsConfig(int size) implements DefenceSpec {

    public static final String NAME = "siblings";

    public SiblingsConfig {
        if (size < 1 || size > 1024) {
            throw new IllegalArgumentException("siblings s must be in [1, 1024], got " + size);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toSpec() {
        return NAME + "(s=" + size + ")";
    }

    static SiblingsConfig parse(SpecParams p) {
        SiblingsConfig c = new SiblingsConfig(p.integer("s", 16, 1, 1024));
        p.requireAllUsed("s");
        return c;
    }
}
