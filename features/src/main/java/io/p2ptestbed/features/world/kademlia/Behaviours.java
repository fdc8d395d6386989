package io.p2ptestbed.features.world.kademlia;

import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import java.util.Locale;

/** The attacker behaviours as Gherkin names them. */
public final class Behaviours {

    public static final String COLLUDERS_ONLY = "route lookups to colluders only";
    public static final String FORGED = "forge routing replies";
    public static final String DROP = "drop lookup queries";
    public static final String HONEST = "behave honestly";
    /** For Cucumber parameter types: every phrase {@link #parse} reads. */
    public static final String PHRASES = "route lookups to colluders only|forge routing replies|drop lookup queries|behave honestly";

    private Behaviours() {}

    /**
     * <ul>
     *   <li>{@value #COLLUDERS_ONLY}: find_node and get_peers answered with fellow attackers closer to the target only;</li>
     *   <li>{@value #FORGED}: answered with the honest nodes closest to the target, at attacker addresses;</li>
     *   <li>{@value #DROP}: lookup queries never answered (pings are, so the attacker stays in tables);</li>
     *   <li>{@value #HONEST}: correct answers, a control group.</li>
     * </ul>
     */
    public static Behaviour parse(String phrase) {
        return switch (phrase.trim().toLowerCase(Locale.ROOT)) {
            case COLLUDERS_ONLY, "colluders-only", "colluders only" ->
                    new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.COLLUDERS_ONLY);
            case FORGED, "forged-addresses", "forged addresses" ->
                    new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.FORGED_ADDRESSES);
            case DROP, "blackhole", "silence" -> new Behaviour.Blackhole(true);
            case HONEST, "honest" -> new Behaviour.Honest();
            default -> throw new IllegalArgumentException("unknown attacker behaviour '" + phrase + "'; use one of: "
                    + PHRASES.replace("|", ", "));
        };
    }
}
