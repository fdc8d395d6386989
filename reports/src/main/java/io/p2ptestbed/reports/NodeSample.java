package io.p2ptestbed.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The nodes drawn for a frame or a whole time-lapse. Past the threshold it keeps every victim,
 * every in- and out-neighbour of a victim (in any frame), then fills up to the threshold with a
 * deterministic hash-ordered sample of the remaining nodes, whatever their role, so the drawn
 * attacker share stays representative.
 *
 * @param keptIds    ids to draw
 * @param victimIds  ids that are a victim in at least one frame
 * @param totalNodes distinct node ids across all frames
 */
record NodeSample(Set<String> keptIds, Set<String> victimIds, int totalNodes) {

    static NodeSample select(List<OverlayGraph> graphs, int threshold) {
        Set<String> all = new LinkedHashSet<>();
        Set<String> victims = new LinkedHashSet<>();
        for (OverlayGraph g : graphs) {
            g.nodes().forEach(n -> all.add(n.id()));
            g.nodesWithRole(Role.VICTIM).forEach(n -> victims.add(n.id()));
        }
        if (all.size() <= threshold) {
            return new NodeSample(all, victims, all.size());
        }
        Set<String> kept = new LinkedHashSet<>(victims);
        for (OverlayGraph g : graphs) {
            for (GraphEdge e : g.edges()) {
                if (victims.contains(e.from())) {
                    kept.add(e.to());
                }
                if (victims.contains(e.to())) {
                    kept.add(e.from());
                }
            }
        }
        List<String> rest = new ArrayList<>(all);
        rest.removeAll(kept);
        rest.sort(Comparator.comparingLong(NodeSample::mix).thenComparing(Comparator.naturalOrder()));
        for (String id : rest) {
            if (kept.size() >= threshold) {
                break;
            }
            kept.add(id);
        }
        return new NodeSample(kept, victims, all.size());
    }

    boolean sampled() {
        return keptIds.size() < totalNodes;
    }

    /** E.g. "sampled 300 of 10000 nodes (victim neighbourhood + deterministic sample)". */
    String describe() {
        return sampled()
                ? "sampled " + keptIds.size() + " of " + totalNodes + " nodes (victim neighbourhood + deterministic sample)"
                : totalNodes + " nodes";
    }

    /** SplitMix64 finaliser over String.hashCode: stable across JVMs and runs. */
    private static long mix(String id) {
        long z = id.hashCode() + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
