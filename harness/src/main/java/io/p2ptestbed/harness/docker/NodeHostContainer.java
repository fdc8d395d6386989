package io.p2ptestbed.harness.docker;

import io.p2ptestbed.overlay.node.control.Fields;
import java.util.ArrayList;
import java.util.List;

/**
 * A node container: a {@link LabContainer} running the overlay's node host ({@code NodeHostMain}) with
 * one or more nodes, and the {@link ControlClient} that talks to it.
 */
public final class NodeHostContainer {

    /** Main class of node containers. */
    public static final String MAIN = "io.p2ptestbed.overlay.node.control.NodeHostMain";

    private final int index;
    private volatile LabContainer container;
    private volatile ControlClient control;
    private volatile String name;
    private final List<DockerNode> nodes = new ArrayList<>();

    /** A container to be: its nodes are known, it is not created yet. */
    public NodeHostContainer(int index) {
        this.index = index;
    }

    void created(LabContainer c, ControlClient client) {
        this.container = c;
        this.control = client;
        this.name = c.name();
    }

    /**
     * A node host that is not a container of this engine (a Swarm task, perhaps on another host): only its
     * name and its control interface; {@link #container()} stays null.
     */
    public void remote(String name, ControlClient client) {
        this.name = name;
        this.control = client;
    }

    /** The container's name, or the remote node host's. */
    public String name() {
        return name == null ? "host" + index : name;
    }

    public int index() {
        return index;
    }

    public LabContainer container() {
        return container;
    }

    public ControlClient control() {
        return control;
    }

    public List<DockerNode> nodes() {
        return nodes;
    }

    public void add(DockerNode n) {
        nodes.add(n);
    }

    /**
     * Waits until the node host answers on its control port and every running node of it has joined.
     * Fails with the container's last log lines when it exits or the deadline passes.
     */
    void awaitJoined(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long nextLivenessCheck = System.nanoTime() + 2_000_000_000L;
        String last = "no answer yet";
        // until the JVM listens, probe with a bare TCP connect (a refused connect costs microseconds; a failed
        // HTTP request through the JDK client costs about a millisecond of harness CPU, times 100 containers)
        while (!listening(container.ip(), ControlClient.PORT)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("container " + container + " did not open its control port within "
                        + timeoutMillis + " ms; last log lines:\n" + container.logTail(30));
            }
            if (System.nanoTime() > nextLivenessCheck) {
                nextLivenessCheck = System.nanoTime() + 2_000_000_000L;
                if (!container.isRunning()) {
                    throw new IllegalStateException("container " + container + " exited during start-up; last log lines:\n"
                            + container.logTail(30));
                }
            }
            sleep(100);
        }
        while (true) {
            try {
                if (allJoined(control.nodes())) {
                    return;
                }
                last = "not every node has joined yet";
            } catch (ControlClient.ControlException e) {
                last = e.getMessage();
            }
            long now = System.nanoTime();
            if (now > nextLivenessCheck) {
                nextLivenessCheck = now + 2_000_000_000L;
                if (!container.isRunning()) {
                    throw new IllegalStateException("container " + container + " exited during start-up; last log lines:\n"
                            + container.logTail(30));
                }
            }
            if (now > deadline) {
                throw new IllegalStateException("container " + container + " did not come up and join within "
                        + timeoutMillis + " ms (" + last + "); last log lines:\n" + container.logTail(30));
            }
            sleep(100);
        }
    }

    /** Whether a node host's {@code GET /v1/nodes} says that every running node of it has joined. */
    public static boolean allJoined(List<Fields> infos) {
        boolean all = !infos.isEmpty();
        for (Fields f : infos) {
            if (f.bool("running", false) && !f.bool("joined", false)) {
                all = false;
            }
        }
        return all;
    }

    private static boolean listening(String ip, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(ip, port), 1_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + container, e);
        }
    }

    @Override
    public String toString() {
        return (container == null ? name() : container.toString()) + " (" + nodes.size() + " node" + (nodes.size() == 1 ? "" : "s") + ")";
    }
}
