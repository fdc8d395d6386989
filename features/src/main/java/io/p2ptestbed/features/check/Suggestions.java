package io.p2ptestbed.features.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ranks defined step sentences by how close they are to a step the user wrote.
 *
 * <p>Both sides are reduced to words, with every argument (a number, a quoted string, a
 * {@code {parameter}} of a Cucumber expression) replaced by one placeholder, so that {@code node 7}
 * and {@code node {int}} agree. The distance is an edit distance over words in which a substituted
 * word costs its share of changed letters: a typo in one word costs less than a missing word. A
 * sentence is suggested when its distance is at most half the length of the longer sentence.
 */
public final class Suggestions {

    private static final String ARG = "\u0000";
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]*}");

    private Suggestions() {}

    /** Up to {@code max} defined sentences closest to {@code text}, best first; empty when none is close. */
    public static List<String> closest(String text, Collection<String> patterns, int max) {
        List<String> words = words(QUOTED.matcher(text).replaceAll(" " + ARG + " "), true);
        record Scored(String pattern, double distance) {}
        List<Scored> scored = new ArrayList<>();
        for (String p : patterns) {
            List<String> pw = words(readable(p), false);
            double d = distance(words, pw);
            if (d <= Math.max(words.size(), pw.size()) / 2.0) {
                scored.add(new Scored(readable(p), d));
            }
        }
        return scored.stream().sorted(Comparator.comparingDouble(Scored::distance).thenComparing(Scored::pattern))
                .map(Scored::pattern).distinct().limit(max).toList();
    }

    /** A pattern as docs/steps.md prints it: no regex anchors or escapes. */
    static String readable(String pattern) {
        String p = pattern;
        if (p.startsWith("^")) {
            p = p.substring(1);
        }
        if (p.endsWith("$")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.replace("\\/", "/").replace("\\(", "(").replace("\\)", ")").replace("\\{", "{");
    }

    private static List<String> words(String s, boolean userText) {
        String t = PARAMETER.matcher(s).replaceAll(" " + ARG + " ");
        if (userText) {
            t = NUMBER.matcher(t).replaceAll(" " + ARG + " ");
        }
        List<String> out = new ArrayList<>();
        for (String w : t.toLowerCase().split("[^\\p{L}\\p{N}\u0000%]+")) {
            if (!w.isEmpty()) {
                out.add(w.contains(ARG) ? ARG : w);
            }
        }
        return out;
    }

    private static double distance(List<String> a, List<String> b) {
        return editDistance(a.size(), b.size(), (i, j) -> wordCost(a.get(i), b.get(j)));
    }

    /** 0 for equal words, else the share of letters changed (at most 1). */
    private static double wordCost(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        if (x.equals(ARG) || y.equals(ARG)) {
            return 1;
        }
        double letters = editDistance(x.length(), y.length(), (i, j) -> x.charAt(i) == y.charAt(j) ? 0 : 1);
        return Math.min(1.0, letters / Math.max(x.length(), y.length()));
    }

    /** What substituting element i of one sequence by element j of the other costs. */
    private interface SubstitutionCost {
        double of(int i, int j);
    }

    /** Levenshtein distance between sequences of lengths n and m; insertions and deletions cost 1. */
    private static double editDistance(int n, int m, SubstitutionCost cost) {
        double[] prev = new double[m + 1];
        double[] cur = new double[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            for (int j = 1; j <= m; j++) {
                double sub = prev[j - 1] + cost.of(i - 1, j - 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            double[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
