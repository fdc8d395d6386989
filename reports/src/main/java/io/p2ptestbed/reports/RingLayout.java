package io.p2ptestbed.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic "Kademlia ring" layout: ring nodes sit on a unit circle in id order, starting at
 * 12 o'clock and going clockwise, so Sybils that picked ids close to a victim's id appear as a
 * cluster next to where the victim's id lies. Victims are pulled to the centre (one victim) or a
 * small inner circle (several), so their routing entries show as spokes.
 *
 * <p>Ids of equal length (hex or base-32 node ids) are ordered lexicographically, which equals
 * numeric order; otherwise digit runs compare numerically ("node-2" before "node-10").
 */
final class RingLayout {
    static final double RING_RADIUS = 1.0;
    static final double INNER_RADIUS = 0.3;

    private RingLayout() {
    }

    /** Positions {x, y} for every id in {@code ringIds} and {@code centreIds}. */
    static Map<String, double[]> compute(Collection<String> ringIds, Collection<String> centreIds) {
        Map<String, double[]> positions = new LinkedHashMap<>();
        place(sorted(ringIds), RING_RADIUS, positions);
        List<String> centre = sorted(centreIds);
        if (centre.size() == 1) {
            positions.put(centre.get(0), new double[] {0, 0});
        } else {
            place(centre, INNER_RADIUS, positions);
        }
        return positions;
    }

    private static void place(List<String> ids, double radius, Map<String, double[]> out) {
        int n = ids.size();
        for (int i = 0; i < n; i++) {
            double angle = Math.PI / 2 - 2 * Math.PI * i / n;
            out.put(ids.get(i), new double[] {radius * Math.cos(angle), radius * Math.sin(angle)});
        }
    }

    static List<String> sorted(Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        boolean sameLength = list.stream().mapToInt(String::length).distinct().count() <= 1;
        list.sort(sameLength ? Comparator.naturalOrder() : RingLayout::compareNatural);
        return list;
    }

    /** Compares strings treating runs of ASCII digits as numbers. */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int cmp = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (cmp != 0) {
                    return cmp;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int rest = Integer.compare(a.length() - i, b.length() - j);
        return rest != 0 ? rest : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
