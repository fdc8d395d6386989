package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.guard.GuardSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the spec syntax of {@link DefenceSet#parse}: a comma-separated list of defence names, each with an
 * optional parenthesised {@code key=value} list. Names and keys are case-insensitive.
 */
final class DefenceSpecParser {

    static final String NAMES = "none, plain, kademlia-rules, eviction, rate-limit, ip-diversity, bep42, puzzle, "
            + "reputation, disjoint, siblings, s-kademlia";

    private DefenceSpecParser() {}

    static List<DefenceSpec> parse(String spec) {
        List<DefenceSpec> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        for (String item : splitTopLevel(spec)) {
            if (!item.isBlank()) {
                parseItem(item.trim(), out);
            }
        }
        return out;
    }

    private static void parseItem(String item, List<DefenceSpec> out) {
        int open = item.indexOf('(');
        String name = (open < 0 ? item : item.substring(0, open)).trim().toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (open >= 0) {
            if (!item.endsWith(")")) {
                throw new IllegalArgumentException("defence '" + item + "': missing ')'");
            }
            for (String kv : splitTopLevel(item.substring(open + 1, item.length() - 1))) {
                if (kv.isBlank()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("defence '" + name + "': expected key=value, got '" + kv.trim() + "'");
                }
                String key = kv.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                if (params.put(key, kv.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("defence '" + name + "': parameter " + key + " given twice");
                }
            }
        }
        SpecParams p = new SpecParams(name, params);
        switch (name) {
            case "none" -> p.requireAllUsed("(none)");
            case "plain" -> {
                p.requireAllUsed("(none)");
                out.add(EvictionRules.PLAIN);
            }
            case "kademlia-rules", "kademlia" -> {
                p.requireAllUsed("(none)");
                out.add(EvictionRules.KADEMLIA);
            }
            case "eviction" -> out.add(EvictionRules.parse(p));
            case "rate-limit", "ratelimit", "rate-limiting" -> out.add(RateLimitConfig.parse(p));
            case "ip-diversity", "ip-limits" -> out.add(IpDiversityConfig.parse(p));
            case "bep42", "bep-42" -> out.add(Bep42Config.parse(p));
            case "puzzle", "crypto-puzzle" -> out.add(PuzzleConfig.parse(p));
            case "reputation" -> out.add(ReputationConfig.parse(p));
            case "disjoint", "disjoint-paths" -> out.add(DisjointPathsConfig.parse(p));
            case "siblings", "sibling-list" -> out.add(SiblingsConfig.parse(p));
            case "s-kademlia", "skademlia" -> {
                Map<String, String> puzzle = new LinkedHashMap<>();
                Map<String, String> disjoint = new LinkedHashMap<>();
                Map<String, String> siblings = new LinkedHashMap<>();
                params.forEach((k, v) -> {
                    switch (k) {
                        case "c1", "c2", "lookups" -> puzzle.put(k, v);
                        case "d", "alpha" -> disjoint.put(k, v);
                        case "s" -> siblings.put(k, v);
                        default -> throw new IllegalArgumentException("defence 's-kademlia' has no parameter " + k
                                + "; valid parameters: c1, c2, lookups, d, alpha, s");
                    }
                });
                out.add(PuzzleConfig.parse(new SpecParams("puzzle", puzzle)));
                out.add(DisjointPathsConfig.parse(new SpecParams("disjoint", disjoint)));
                out.add(SiblingsConfig.parse(new SpecParams("siblings", siblings)));
            }
            default -> throw new IllegalArgumentException("unknown defence '" + name + "'; known: " + NAMES);
        }
    }

    /** Splits on commas that are not inside parentheses; unbalanced parentheses are refused. */
    private static List<String> splitTopLevel(String s) {
        return GuardSet.splitTopLevel(s, true);
    }
}
