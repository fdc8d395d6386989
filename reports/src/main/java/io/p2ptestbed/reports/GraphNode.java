package io.p2ptestbed.reports;

import java.util.Objects;

/**
 * One overlay node as the reports see it.
 *
 * @param id    unique node id; used to order nodes on the ring (see {@link RingLayout})
 * @param role  what the node is in the scenario
 * @param label human readable label; {@code null} or blank means "use the id"
 */
public record GraphNode(String id, Role role, String label) {
    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        if (label == null || label.isBlank()) {
            label = id;
        }
    }

    public GraphNode(String id, Role role) {
        this(id, role, null);
    }
}
