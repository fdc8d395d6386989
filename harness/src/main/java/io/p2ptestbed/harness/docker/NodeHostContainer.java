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
    private volatile long startupMillis = -1;
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

    /** How long the last start of this container took to come up and join (ms; -1 before it has joined). */
    public long startupMillis() {
        return startupMillis;
    }

    /**
     * Waits until the node host answers on its control port and every running node of it has joined, at most
     * {@code timeoutMillis} from now. Fails when the container exits or the deadline passes, with a message that
     * names the container, what it was still waiting for (the control port, or which nodes had not joined), how long
     * it waited, {@code context} (e.g. how many containers were starting at once), the host's load average and the
     * container's last log lines.
     */
    void awaitJoined(long timeoutMillis, String context) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeoutMillis * 1_000_000L;
        long nextLivenessCheck = t0 + 2_000_000_000L;
        String last = "no answer yet";
        // until the JVM listens, probe with a bare TCP connect (a refused connect costs microseconds; a failed
        // HTTP request through the JDK client costs about a millisecond of harness CPU, times 100 containers)
        while (!listening(container.ip(), ControlClient.PORT)) {
            if (System.nanoTime() > deadline) {
                throw startFailure(t0, "did not open its control port (TCP " + ControlClient.PORT + ") within "
                        + timeoutMillis + " ms", context);
            }
            if (System.nanoTime() > nextLivenessCheck) {
                nextLivenessCheck = System.nanoTime() + 2_000_000_000L;
                checkRunning(t0, "while waiting for its control port", context);
            }
            sleep(100);
        }
        while (true) {
            try {
                List<Fields> infos = control.nodes();
                if (allJoined(infos)) {
                    startupMillis = (System.nanoTime() - t0) / 1_000_000;
                    return;
                }
                last = notJoined(infos);
            } catch (ControlClient.ControlException e) {
                last = "its control interface answered: " + e.getMessage();
            }
            long now = System.nanoTime();
            if (now > nextLivenessCheck) {
                nextLivenessCheck = now + 2_000_000_000L;
                checkRunning(t0, "after opening its control port (" + last + ")", context);
            }
            if (now > deadline) {
                throw startFailure(t0, "opened its control port but did not join within " + timeoutMillis + " ms ("
                        + last + ")", context);
            }
            sleep(100);
        }
    }

    private void checkRunning(long t0, String when, String context) {
        if (!container.isRunning()) {
            throw startFailure(t0, "exited during start-up " + when, context);
        }
    }

    private IllegalStateException startFailure(long t0, String what, String context) {
        return new IllegalStateException("container " + container + " (" + nodes.size() + " node"
                + (nodes.size() == 1 ? "" : "s") + ") " + what + "; waited " + (System.nanoTime() - t0) / 1_000_000
                + " ms, " + context + ", load average " + NodeLauncher.loadAverage() + "; last log lines:\n"
                + container.logTail(30));
    }

    /** Which running nodes of a {@code GET /v1/nodes} answer have not joined yet, by slot. */
    static String notJoined(List<Fields> infos) {
        if (infos.isEmpty()) {
            return "it lists no nodes yet";
        }
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            if (infos.get(i).bool("running", false) && !infos.get(i).bool("joined", false)) {
                waiting.add(i);
            }
        }
        return "node slot" + (waiting.size() == 1 ? " " : "s ") + waiting + " of " + infos.size() + " not joined yet";
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
