package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import java.util.List;
import java.util.Map;

/** A node living in this JVM (simulated or loopback runtime). */
public final class LocalNode implements NodeHandle {

    private final LocalRuntime runtime;
    private final int index;
    private final NodeId id;
    private final NodeAddress address;
    private KademliaNode node;
    private boolean alive;

    LocalNode(LocalRuntime runtime, int index, NodeId id, NodeAddress address) {
        this.runtime = runtime;
        this.index = index;
        this.id = id;
        this.address = address;
    }

    void attach(KademliaNode node) {
        this.node = node;
        this.alive = true;
    }

    void markDead() {
        this.alive = false;
    }

    /** The live protocol object; null before start. Touch it only on its scheduler thread. */
    public KademliaNode node() {
        return node;
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
        return runtime.onNodeThread(node, () -> node.table().contacts());
    }

    @Override
    public Map<String, Long> stats() {
        return runtime.onNodeThread(node, () -> node.stats().snapshot());
    }

    @Override
    public String toString() {
        return "node" + index + "(" + id.shortHex() + "@" + address + (alive ? "" : ", dead") + ")";
    }
}
