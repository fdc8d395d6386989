package io.p2ptestbed.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Text lines drawn above a frame: scenario, virtual time and metrics, population, eclipse status. */
final class FrameCaption {
    static final int MAX_VICTIMS_LISTED = 3;

    private FrameCaption() {
    }

    static List<String> lines(Frame frame, NodeSample sample) {
        List<String> lines = new ArrayList<>();
        lines.add(frame.caption().isBlank() ? "(untitled scenario)" : frame.caption());
        StringBuilder time = new StringBuilder("t = " + formatVirtualTime(frame.virtualTimeMillis()) + " (virtual)");
        for (Map.Entry<String, Double> m : frame.metrics().entrySet()) {
            time.append("   |   ").append(m.getKey()).append(" = ").append(formatNumber(m.getValue()));
        }
        lines.add(time.toString());
        OverlayGraph g = frame.graph();
        String population = Arrays.stream(Role.values())
                .map(r -> g.nodesWithRole(r).size() + " " + r.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        lines.add(g.nodes().size() + " nodes (" + population + ")"
                + (sample.sampled() ? "  -  " + sample.describe() : ""));
        List<GraphNode> victims = g.nodesWithRole(Role.VICTIM);
        for (GraphNode v : victims.subList(0, Math.min(MAX_VICTIMS_LISTED, victims.size()))) {
            lines.add(victimLine(g, v));
        }
        if (victims.size() > MAX_VICTIMS_LISTED) {
            lines.add("... and " + (victims.size() - MAX_VICTIMS_LISTED) + " more victims");
        }
        return lines;
    }

    static String victimLine(OverlayGraph g, GraphNode v) {
        int routes = g.outNeighbours(v.id()).size();
        double share = g.attackerShareOfRoutes(v.id());
        if (routes == 0) {
            return "victim " + v.label() + ": no routing entries";
        }
        long bad = Math.round(share * routes);
        String verdict = bad == routes ? "ECLIPSED" : bad == 0 ? "not eclipsed" : "partially eclipsed";
        return String.format(Locale.ROOT, "victim %s: %d of %d routing entries point to attackers (%.0f%%) - %s",
                v.label(), bad, routes, share * 100, verdict);
    }

    /** "12.345 s" below a minute, "3 min 05.120 s" above. */
    static String formatVirtualTime(long millis) {
        if (Math.abs(millis) < 60_000) {
            return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %06.3f s", millis / 60_000, (millis % 60_000) / 1000.0);
    }

    static String formatNumber(Double v) {
        if (v == null || v.isNaN()) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.valueOf(v.longValue());
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
