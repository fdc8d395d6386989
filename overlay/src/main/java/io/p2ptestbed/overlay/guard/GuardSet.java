package io.p2ptestbed.overlay.guard;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.spi.Guards;
import io.p2ptestbed.overlay.spi.OverlayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A list of neutral defences parsed from a spec such as {@code "rate-limit(ip=20,burst=40),ip-diversity(table=4)"},
 * installed on any node that offers {@link Guards}. Unknown names and parameters are refused, naming them.
 */
public record GuardSet(List<GuardSpec> specs) {

    public static final String NAMES = "none, rate-limit(ip, burst, global, global-burst), ip-diversity(table, prefix)";

    public GuardSet {
        specs = List.copyOf(specs);
    }

    public static GuardSet parse(String spec) {
        List<GuardSpec> out = new ArrayList<>();
        if (spec == null) {
            return new GuardSet(out);
        }
        for (String item : splitTopLevel(spec)) {
            GuardSpec g = item.isBlank() ? null : parseItem(item.trim());
            if (g != null) {
                out.add(g);
            }
        }
        return new GuardSet(out);
    }

    private static GuardSpec parseItem(String item) {
        int open = item.indexOf('(');
        String name = (open < 0 ? item : item.substring(0, open)).trim().toLowerCase(Locale.ROOT);
        Map<String, String> p = new LinkedHashMap<>();
        if (open >= 0) {
            if (!item.endsWith(")")) {
                throw new IllegalArgumentException("defence '" + item + "': missing ')'");
            }
            for (String kv : item.substring(open + 1, item.length() - 1).split(",")) {
                if (kv.isBlank()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("defence '" + name + "': expected key=value, got '" + kv.trim() + "'");
                }
                p.put(kv.substring(0, eq).trim().toLowerCase(Locale.ROOT), kv.substring(eq + 1).trim());
            }
        }
        return switch (name) {
            case "none" -> {
                requireOnly(name, p);
                yield null;
            }
            case "rate-limit", "rate-limiting" -> {
                // Kademlia's spelling (DefenceSet) reads the same here: "ip=10/s,ip-burst=20"
                if (p.containsKey("ip-burst") && !p.containsKey("burst")) {
                    p.put("burst", p.remove("ip-burst"));
                }
                requireOnly(name, p, "ip", "burst", "global", "global-burst");
                double ip = number(name, p, "ip", 20);
                yield new GuardSpec.RateLimit(ip, number(name, p, "burst", 2 * ip), number(name, p, "global", 0),
                        number(name, p, "global-burst", 1));
            }
            case "ip-diversity", "ip-limits" -> {
                requireOnly(name, p, "table", "prefix");
                yield new GuardSpec.IpDiversity((int) number(name, p, "table", 4), (int) number(name, p, "prefix", 24));
            }
            default -> throw new IllegalArgumentException("unknown neutral defence '" + name + "'; known: " + NAMES);
        };
    }

    private static void requireOnly(String name, Map<String, String> p, String... known) {
        List<String> k = List.of(known);
        for (String key : p.keySet()) {
            if (!k.contains(key)) {
                throw new IllegalArgumentException("defence '" + name + "' has no parameter '" + key + "'; valid: "
                        + (k.isEmpty() ? "(none)" : String.join(", ", k)));
            }
        }
    }

    private static double number(String name, Map<String, String> p, String key, double dflt) {
        String v = p.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.endsWith("/s") ? v.substring(0, v.length() - 2).trim() : v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("defence '" + name + "': " + key + " must be a number, got '" + v + "'");
        }
    }

    /** Splits a defence spec at the commas outside parentheses: {@code "a(x=1,y=2),b"} gives {@code a(x=1,y=2)} and {@code b}. */
    public static List<String> splitTopLevel(String s) {
        return splitTopLevel(s, false);
    }

    /**
     * The same split; {@code strict} refuses unbalanced parentheses ("unbalanced ')' in defence spec ..."), otherwise
     * a ')' too many only lowers the depth.
     */
    public static List<String> splitTopLevel(String s, boolean strict) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0 && strict) {
                    throw new IllegalArgumentException("unbalanced ')' in defence spec '" + s + "'");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        if (depth != 0 && strict) {
            throw new IllegalArgumentException("unbalanced '(' in defence spec '" + s + "'");
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** Installs every defence on the node; a node without {@link Guards} is refused with a message. */
    public void install(OverlayNode node) {
        if (specs.isEmpty()) {
            return;
        }
        Guards g = node.require(Guards.class, "the neutral defences " + toSpec());
        for (GuardSpec s : specs) {
            if (s instanceof GuardSpec.RateLimit r) {
                SourceRateLimit limiter = new SourceRateLimit(r);
                g.addInboundFilter(limiter);
                g.addCounterSource(limiter::counters);
            } else if (s instanceof GuardSpec.IpDiversity d) {
                PrefixLimit limit = new PrefixLimit(d, node::neighbours);
                g.addNeighbourFilter(limit);
                g.addCounterSource(limit::counters);
            }
        }
    }

    public String toSpec() {
        List<String> s = new ArrayList<>();
        for (GuardSpec g : specs) {
            s.add(g.toSpec());
        }
        return s.isEmpty() ? "none" : String.join(",", s);
    }

    /** Whether a contact shares the prefix of the given length with another. */
    static boolean samePrefix(Contact a, Contact b, int bits) {
        int mask = bits >= 32 ? -1 : ~(-1 >>> bits);
        return (a.address().ip() & mask) == (b.address().ip() & mask);
    }
}
