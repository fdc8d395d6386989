package io.p2ptestbed.reports;

import static io.p2ptestbed.reports.RolePalette.hex;

/**
 * GraphStream CSS for overlay snapshots. Node sizes shrink with the number of nodes so that a
 * 300-node ring stays readable; the victim is always large.
 */
final class GraphStyle {
    /** ui.class of invisible nodes that pin the camera bounds (see {@link SceneSync}). */
    static final String ANCHOR_CLASS = "anchor";
    static final String EDGE_TO_ATTACKER_CLASS = "attack";
    static final String VICTIM_EDGE_CLASS = "victim";
    static final String VICTIM_EDGE_TO_ATTACKER_CLASS = "victimattack";

    private GraphStyle() {
    }

    static String classOf(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Node diameter in pixels for a ring of {@code nodeCount} nodes. */
    static int nodeSize(int nodeCount) {
        return (int) Math.max(6, Math.min(18, 1800.0 / Math.max(1, nodeCount)));
    }

    static String stylesheet(int nodeCount) {
        int size = nodeSize(nodeCount);
        int edgeAlpha = nodeCount > 120 ? 40 : 90;
        return String.join("\n",
                "graph { fill-color: white; padding: 20px; }",
                "node { size: " + size + "px; fill-color: " + hex(RolePalette.HONEST) + ";"
                        + " stroke-mode: plain; stroke-color: #33475F; stroke-width: 1px;"
                        + " text-size: 12; text-alignment: under; text-color: #222222;"
                        + " text-background-mode: rounded-box; text-background-color: #FFFFFFD0;"
                        + " text-padding: 2px; z-index: 3; }",
                "node.honest { fill-color: " + hex(RolePalette.HONEST) + "; }",
                "node.attacker { shape: diamond; size: " + (size + 4) + "px; fill-color: "
                        + hex(RolePalette.ATTACKER) + "; stroke-color: #6B0000; z-index: 4; }",
                "node.victim { size: 34px; fill-color: " + hex(RolePalette.VICTIM) + ";"
                        + " stroke-color: #000000; stroke-width: 3px; text-size: 15; text-style: bold;"
                        + " text-alignment: under; text-offset: 0px, 6px; z-index: 5; }",
                "node.failed { fill-color: " + hex(RolePalette.FAILED_FILL) + "; stroke-color: "
                        + hex(RolePalette.FAILED_OUTLINE) + "; stroke-width: 2px; }",
                "node." + ANCHOR_CLASS + " { fill-mode: none; stroke-mode: none; size: 1px;"
                        + " text-mode: hidden; z-index: 0; }",
                "edge { fill-color: " + hex(RolePalette.EDGE, edgeAlpha) + "; size: 1px;"
                        + " arrow-size: 6px, 3px; z-index: 0; }",
                "edge." + EDGE_TO_ATTACKER_CLASS + " { fill-color: " + hex(RolePalette.EDGE_TO_ATTACKER, 150)
                        + "; size: 1px; z-index: 1; }",
                "edge." + VICTIM_EDGE_CLASS + " { fill-color: " + hex(RolePalette.VICTIM_EDGE)
                        + "; size: 2px; arrow-size: 10px, 5px; z-index: 2; }",
                "edge." + VICTIM_EDGE_TO_ATTACKER_CLASS + " { fill-color: " + hex(RolePalette.EDGE_TO_ATTACKER)
                        + "; size: 3px; arrow-size: 10px, 5px; z-index: 2; }");
    }
}
