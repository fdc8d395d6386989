package io.p2ptestbed.reports;

import java.util.Objects;

/**
 * One overlay node as the reports see it.
 *
 * @param id      unique node id; used to order nodes on the ring (see {@link RingLayout})
 * @param role    what the node is in the scenario
 * @param label   human readable label; {@code null} or blank means "use the id"
 * @param address network address ("10.0.0.7:6881"), or {@code null} if unknown
 */
public record GraphNode(String id, Role role, String label, String address) {
    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        if (label == null || label.isBlank()) {
            label = id;
        }
        address = address == null || address.isBlank() ? null : address;
    }

    public GraphNode(String id, Role role, String label) {
        this(id, role, label, null);
    }

    public GraphNode(String id, Role role) {
        this(id, role, null, null);
    }
}
