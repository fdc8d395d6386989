package io.p2ptestbed.overlay.defence;

/**
 * Kademlia's own eviction rules, switchable for comparison: {@link #KADEMLIA} (spec
 * {@code kademlia-rules}) pings the least-recently-seen contact of a full bucket before evicting it and
 * keeps live old contacts, which is what makes Kademlia resist table flooding; {@link #PLAIN} (spec
 * {@code plain}) lets the newest contact replace the oldest. Mixed settings:
 * {@code eviction(ping=true,keep-old=false)}.
 */
public record EvictionRules(boolean pingBeforeEvict, boolean preferOldContacts) implements DefenceSpec {

    public static final String NAME = "eviction";
    public static final String PLAIN_NAME = "plain";
    public static final String KADEMLIA_NAME = "kademlia-rules";

    public static final EvictionRules PLAIN = new EvictionRules(false, false);
    public static final EvictionRules KADEMLIA = new EvictionRules(true, true);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toSpec() {
        if (equals(PLAIN)) {
            return PLAIN_NAME;
        }
        if (equals(KADEMLIA)) {
            return KADEMLIA_NAME;
        }
        return NAME + "(ping=" + pingBeforeEvict + ",keep-old=" + preferOldContacts + ")";
    }

    static EvictionRules parse(SpecParams p) {
        EvictionRules r = new EvictionRules(p.bool("ping", true), p.bool("keep-old", true));
        p.requireAllUsed("ping, keep-old");
        return r;
    }
}
