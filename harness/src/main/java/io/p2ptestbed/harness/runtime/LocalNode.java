package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.OverlayNode;
import java.util.List;
import java.util.Map;

/** A node living in this JVM (simulated or loopback runtime). */
public final class LocalNode implements NodeHandle {

    private final LocalRuntime runtime;
    private final int index;
    private final NodeId id;
    private final NodeAddress address;
    private OverlayNode overlay;
    private boolean alive;

    LocalNode(LocalRuntime runtime, int index, NodeId id, NodeAddress address) {
        this.runtime = runtime;
        this.index = index;
        this.id = id;
        this.address = address;
    }

    void attach(OverlayNode node) {
        this.overlay = node;
        this.alive = true;
    }

    void markDead() {
        this.alive = false;
    }

    /** The live overlay node; null before start. Touch it only on its scheduler thread. */
    public OverlayNode overlay() {
        return overlay;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public NodeId id() {
        return id;
    }

    @Override
    public NodeAddress address() {
        return address;
    }

    @Override
    public boolean alive() {
        return alive;
    }

    @Override
    public List<Contact> routingContacts() {
        return runtime.onNodeThread(overlay, overlay::neighbours);
    }

    @Override
    public java.util.Optional<RingSnapshot> ring() {
        if (!alive) {
            return java.util.Optional.empty();
        }
        return runtime.onNodeThread(overlay, () -> overlay.capability(io.p2ptestbed.overlay.spi.RingView.class)
                .map(r -> new RingSnapshot(List.copyOf(r.successors()), r.predecessor())));
    }

    @Override
    public Map<String, Long> stats() {
        return runtime.onNodeThread(overlay, overlay::counters);
    }

    @Override
    public String toString() {
        return "node" + index + "(" + id.shortHex() + "@" + address + (alive ? "" : ", dead") + ")";
    }
}
