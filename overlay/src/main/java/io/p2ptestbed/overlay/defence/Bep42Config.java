package io.p2ptestbed.overlay.defence;

/**
 * Parameters of the {@link Bep42Policy}.
 *
 * @param exemptLocal   apply BEP 42's local-network exemption. Off by default: the lab's addresses are all
 *                      in 127/8, so exempting them would switch the rule off entirely.
 * @param filterLookups also drop non-compliant contacts from lookups, not only from the routing table.
 *                      Off by default: BEP 42 restricts which nodes are kept in routing tables.
 */
public record Bep42Config(boolean exemptLocal, boolean filterLookups) implements DefenceSpec {

    public static final String NAME = "bep42";

    public static Bep42Config defaults() {
        return new Bep42Config(false, false);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toSpec() {
        return NAME + "(exempt-local=" + exemptLocal + ",lookups=" + filterLookups + ")";
    }

    static Bep42Config parse(SpecParams p) {
        Bep42Config c = new Bep42Config(p.bool("exempt-local", false), p.bool("lookups", false));
        p.requireAllUsed("exempt-local, lookups");
        return c;
    }
}
