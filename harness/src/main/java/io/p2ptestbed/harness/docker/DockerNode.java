package io.p2ptestbed.harness.docker;

import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import java.util.Map;

/**
 * A node in a container, as the harness sees it: its routing table and counters are read through the
 * container's control interface, so ground truth, metrics and routing graphs work unchanged.
 */
public final class DockerNode implements NodeHandle {

    private final int index;
    private final NodeId id;
    private final NodeAddress address;
    private final long seed;
    private final NodeHostContainer host;
    private final int slot;
    private volatile boolean running;
    private volatile boolean paused;
    private volatile boolean turned;

    public DockerNode(int index, NodeId id, NodeAddress address, long seed, NodeHostContainer host, int slot) {
        this.index = index;
        this.id = id;
        this.address = address;
        this.seed = seed;
        this.host = host;
        this.slot = slot;
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

    /**
     * Running, not paused and not turned: a paused container answers nothing, so ground truth leaves it out; a node an
     * attack turned malicious still runs, but is no honest node any more (as a member the in-JVM runtimes replace by a
     * malicious node), so ground truth, workloads and the honest nodes' counters leave it out too.
     */
    @Override
    public boolean alive() {
        return running && !paused && !turned;
    }

    /** Marks the node turned malicious by an attack (see {@link #alive}); its process keeps running. */
    public void turned(boolean t) {
        turned = t;
    }

    public boolean turned() {
        return turned;
    }

    /** Whether the node process runs (it may be paused). */
    public boolean running() {
        return running;
    }

    /** Marks the node running or not (the runtime does, as it starts, kills and restarts nodes). */
    public void running(boolean r) {
        running = r;
        if (!r) {
            paused = false;
        }
    }

    public boolean paused() {
        return paused;
    }

    void paused(boolean p) {
        paused = p;
    }

    /** The seed the node process derives its randomness from. */
    public long seed() {
        return seed;
    }

    /** The container this node runs in. */
    public NodeHostContainer host() {
        return host;
    }

    /** The node's index inside its container (its {@code ?node=} on the control interface). */
    public int slot() {
        return slot;
    }

    public ControlClient control() {
        return host.control();
    }

    /** The node's overlay neighbours (any protocol; Kademlia: its routing table), through the control interface. */
    @Override
    public List<Contact> routingContacts() {
        return host.control().neighbours(slot);
    }

    @Override
    public Map<String, Long> stats() {
        return host.control().counters(slot);
    }

    /** Successors and predecessor on ring overlays (read through the control interface); empty otherwise. */
    @Override
    public java.util.Optional<RingSnapshot> ring() {
        if (!alive()) {
            return java.util.Optional.empty();
        }
        return host.control().ring(slot);
    }

    @Override
    public String toString() {
        return "node" + index + "(" + id.shortHex() + "@" + address + " in " + host.name()
                + (!running ? ", dead" : paused ? ", paused" : "") + ")";
    }
}
