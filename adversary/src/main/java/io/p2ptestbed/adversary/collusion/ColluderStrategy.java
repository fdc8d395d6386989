package io.p2ptestbed.adversary.collusion;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How colluders answer the routing queries of a lookup (find_node and get_peers in Kademlia, next-hop
 * requests in Chord), for every structured overlay. Each overlay says which it supports
 * ({@link CollusionSupport}); asking for another is refused with a message naming the supported ones.
 */
public enum ColluderStrategy {

    /**
     * The k colluders closest to the key, whoever asks: the model of the secure-routing papers (S/Kademlia,
     * Baumgart and Mies 2007, section 5: "adversarial nodes return only other adversarial nodes").
     */
    CLOSEST_COLLUDERS("answer with the colluders closest to the key"),

    /**
     * A different pick among the colluders closest to the key for every query: never a colluder the querier
     * has already been given or has already queried for this key (the colluders share what they handed out).
     * A path that meets one colluder never runs out of colluders to query.
     */
    FRESH_COLLUDERS("answer with fresh colluders for every query"),

    /** Made-up contacts close to the key, at lab addresses where nobody listens: the querier waits on each. */
    FABRICATED_CONTACTS("answer with fabricated contacts"),

    /** Lookup queries are never answered (pings are, so the colluder stays in routing tables). */
    DROP("drop lookup queries"),

    /**
     * The testbed's first, weak model, kept by name: the same few colluders, those closer to the key than the
     * responder, to everyone. Disjoint-path bookkeeping uses them up and the paths fall back to honest nodes.
     */
    SAME_FEW_COLLUDERS("answer with the same few colluders");

    /** For Cucumber parameter types: every phrase {@link #parse} reads. */
    public static final String PHRASES = "answer with the colluders closest to the key|answer with fresh colluders for every query"
            + "|answer with fabricated contacts|drop lookup queries|answer with the same few colluders";

    private final String phrase;

    ColluderStrategy(String phrase) {
        this.phrase = phrase;
    }

    /** The Gherkin phrase, e.g. "answer with fresh colluders for every query". */
    public String phrase() {
        return phrase;
    }

    /** Reads a phrase or a constant name (any case, '-' or '_'), e.g. "fresh-colluders". */
    public static ColluderStrategy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ColluderStrategy s : values()) {
            if (s.phrase.equals(t) || s.name().toLowerCase(Locale.ROOT).equals(t.replace('-', '_').replace(' ', '_'))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown colluder strategy '" + text + "'; use one of: "
                + Arrays.stream(values()).map(s -> "'" + s.phrase + "' (" + s.name().toLowerCase(Locale.ROOT).replace('_', '-') + ")")
                .collect(Collectors.joining(", ")));
    }
}
