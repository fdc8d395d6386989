package io.p2ptestbed.overlay.defence;

/**
 * The configuration of one defence, as data: what a {@link DefenceSet} is made of and what its spec
 * string parses to. Closed: {@link DefenceSet} knows how to build a {@link Defence} from each of these.
 */
public sealed interface DefenceSpec permits RateLimitConfig, ReputationConfig, IpDiversityConfig, Bep42Config,
        PuzzleConfig, DisjointPathsConfig, SiblingsConfig, EvictionRules {

    /** The name used in spec strings ({@code "rate-limit"}...); {@code "eviction"} for {@link EvictionRules}. */
    String name();

    /** This spec with all its parameters, in the syntax {@link DefenceSet#parse} reads back. */
    String toSpec();
}
