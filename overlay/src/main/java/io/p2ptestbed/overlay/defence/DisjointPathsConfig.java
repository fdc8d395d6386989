package io.p2ptestbed.overlay.defence;

/**
 * Makes the node's lookups S/Kademlia disjoint-path lookups ({@link io.p2ptestbed.overlay.kademlia.KademliaNode#setLookupPaths}).
 *
 * @param d            number of node-disjoint paths
 * @param alphaPerPath queries in flight per path
 */
public record DisjointPathsConfig(int d, int alphaPerPath) implements DefenceSpec {

    public static final String NAME = "disjoint";

    public DisjointPathsConfig {
        if (d < 1 || d > 64 || alphaPerPath < 1 || alphaPerPath > 32) {
            throw new IllegalArgumentException("disjoint needs 1 <= d <= 64 and 1 <= alpha <= 32, got " + d + ", " + alphaPerPath);
        }
    }

    /** d = 3 paths with α = 1 each: as many queries in flight as a plain α = 3 lookup. */
    public static DisjointPathsConfig defaults() {
        return new DisjointPathsConfig(3, 1);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toSpec() {
        return NAME + "(d=" + d + ",alpha=" + alphaPerPath + ")";
    }

    static DisjointPathsConfig parse(SpecParams p) {
        DisjointPathsConfig c = new DisjointPathsConfig(p.integer("d", 3, 1, 64), p.integer("alpha", 1, 1, 32));
        p.requireAllUsed("d, alpha");
        return c;
    }
}
