package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.NodeHostContainer;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.control.Fields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * File searches on the container runtimes, through the {@code FileSearch} endpoints of every node host's control
 * interface: {@code GET /v1/files?node=all} for what each live node shares and whether it searches, and one
 * {@code POST /v1/searches} per searching node with all its searches, each starting {@code afterMillis} after the
 * request arrives (every node's request is sent at once, so the spread over time is kept across nodes).
 */
final class ControlledFileSearch {

    /** Longest wait for the searches of one call beyond their spread (as the runtime's other operations). */
    private static final long OPERATION_TIMEOUT_MILLIS = 300_000;

    private ControlledFileSearch() {}

    /** Every live node as the plan sees it, in node order. */
    static List<FileSearches.Sharer> sharers(ControlledRuntime rt) {
        Set<NodeHostContainer> hosts = new LinkedHashSet<>();
        rt.nodes().stream().filter(DockerNode::alive).forEach(n -> hosts.add(n.host()));
        Map<NodeHostContainer, CompletableFuture<Fields>> calls = new LinkedHashMap<>();
        hosts.forEach(h -> calls.put(h, h.control().callAsync("GET", "files", "all", null)));
        Map<DockerNode, FileSearches.Sharer> byNode = new LinkedHashMap<>();
        calls.forEach((h, call) -> {
            List<Object> slots = Fields.list(call.join().get("nodes"), "nodes");
            for (DockerNode n : h.nodes()) {
                if (n.alive() && n.slot() < slots.size()) {
                    Fields f = Fields.of(slots.get(n.slot()), "files of a node");
                    List<String> files = new ArrayList<>();
                    Fields.list(f.get("files"), "files").forEach(o -> files.add((String) o));
                    byNode.put(n, new FileSearches.Sharer(n.address(), List.copyOf(files), f.bool("searches", false)));
                }
            }
        });
        List<FileSearches.Sharer> out = new ArrayList<>();
        rt.nodes().stream().filter(byNode::containsKey).forEach(n -> out.add(byNode.get(n)));
        return out;
    }

    /** Runs the planned searches, all nodes at once; answer i for search i, null when unanswered or the node failed. */
    static List<List<NodeAddress>> search(ControlledRuntime rt, List<FileSearches.Planned> planned) {
        Map<DockerNode, List<Integer>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < planned.size(); i++) {
            byNode.computeIfAbsent(rt.node(planned.get(i).from()), x -> new ArrayList<>()).add(i);
        }
        List<List<NodeAddress>> out = new ArrayList<>(Collections.nCopies(planned.size(), null));
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        long longest = 0;
        for (Map.Entry<DockerNode, List<Integer>> e : byNode.entrySet()) {
            DockerNode n = e.getKey();
            List<Object> searches = new ArrayList<>();
            for (int i : e.getValue()) {
                FileSearches.Planned q = planned.get(i);
                searches.add(Map.of("file", q.file(), "afterMillis", q.afterMillis()));
                longest = Math.max(longest, q.afterMillis());
            }
            List<Integer> idx = e.getValue();
            calls.add(n.control().callAsync("POST", "searches", n.slot(), Map.of("searches", searches)).thenAccept(f -> {
                List<Object> results = Fields.list(f.get("results"), "results");
                synchronized (out) {
                    for (int j = 0; j < idx.size(); j++) {
                        Object r = results.get(j);
                        if (r != null) {
                            List<NodeAddress> peers = new ArrayList<>();
                            Fields.list(r, "result").forEach(a -> peers.add(NodeAddress.parse((String) a)));
                            out.set(idx.get(j), peers);
                        }
                    }
                }
            }).exceptionally(failed -> null));
        }
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                    .get(longest + OPERATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            // the searches that did not answer stay null (unanswered)
        }
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }
}
