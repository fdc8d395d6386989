package io.p2ptestbed.harness.pastry;

import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.NodeHostContainer;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.LoopbackRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.pastry.PastryView;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rowstron and Druschel's "no repair" switch, the same on every runtime: routing-table repair ({@link PastryView#setTableRepair})
 * on or off in every live Pastry node. In the JVM on each node's own thread (simulated: one node after another; loopback:
 * 32 callers at once, so no call waits behind the event loops' backlog in turn); in containers through each node host's
 * {@code POST /v1/pastry/repair?node=all}, all hosts at once. Every live node must answer with the state asked for, read
 * back on its own loop, or the switch fails naming the node.
 */
public final class PastryTableRepair {

    private PastryTableRepair() {}

    /** Switches table repair {@code on} or off in every live node; returns how many nodes confirmed it. */
    public static int set(NetworkRuntime rt, boolean on) {
        if (rt instanceof LocalRuntime local) {
            return inJvm(local, on);
        }
        List<NodeHandle> live = rt.liveNodes();
        if (!live.isEmpty() && live.stream().allMatch(n -> n instanceof DockerNode)) {
            return inContainers(live, on);
        }
        throw new UnsupportedCapabilityException("switching Pastry's table repair reaches nodes in this JVM or in containers; the "
                + rt.kind().label() + " runtime cannot yet");
    }

    private static int inJvm(LocalRuntime rt, boolean on) {
        List<Callable<Void>> calls = new ArrayList<>();
        for (NodeHandle n : rt.liveNodes()) {
            calls.add(() -> rt.onOverlay((LocalNode) n, o -> {
                PastryView v = o.capability(PastryView.class).orElseThrow(() -> new UnsupportedCapabilityException(
                        "routing-table repair is Pastry's; this network runs " + o.protocol()));
                v.setTableRepair(on);
                if (v.tableRepair() != on) {
                    throw new IllegalStateException("node " + n.index() + " did not switch table repair " + (on ? "on" : "off"));
                }
                return null;
            }));
        }
        if (!(rt instanceof LoopbackRuntime)) {
            for (Callable<Void> c : calls) {
                call(c);
            }
        } else {
            // real sockets: one call after another waits behind each event loop's backlog 1,000 times (minutes on a
            // loaded machine, session 15); 32 callers queue them all at once
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try {
                for (Future<Void> f : pool.invokeAll(calls)) {
                    call(f::get);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while switching routing-table repair", e);
            } finally {
                pool.shutdownNow();
            }
        }
        return calls.size();
    }

    private static int inContainers(List<NodeHandle> live, boolean on) {
        Map<NodeHostContainer, List<DockerNode>> byHost = new LinkedHashMap<>();
        live.forEach(n -> byHost.computeIfAbsent(((DockerNode) n).host(), h -> new ArrayList<>()).add((DockerNode) n));
        Map<NodeHostContainer, CompletableFuture<Fields>> answers = new LinkedHashMap<>();
        byHost.keySet().forEach(h -> answers.put(h, h.control().callAsync("POST", "pastry/repair", "all", Map.of("table", on))));
        int confirmed = 0;
        for (Map.Entry<NodeHostContainer, List<DockerNode>> e : byHost.entrySet()) {
            List<Object> slots;
            try {
                slots = Fields.list(answers.get(e.getKey()).join().get("nodes"), "nodes");
            } catch (java.util.concurrent.CompletionException x) {
                throw x.getCause() instanceof RuntimeException r ? r : x;
            }
            for (DockerNode n : e.getValue()) {
                Fields slot = Fields.of(slots.get(n.slot()), "node " + n.index() + "'s answer");
                if (!slot.has("table") || slot.bool("table", !on) != on) {
                    throw new IllegalStateException("node " + n.index() + " (container " + e.getKey().name() + ", slot " + n.slot()
                            + ") did not switch table repair " + (on ? "on" : "off") + ": " + slot.map());
                }
                confirmed++;
            }
        }
        return confirmed;
    }

    private static void call(Callable<Void> c) {
        try {
            c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
