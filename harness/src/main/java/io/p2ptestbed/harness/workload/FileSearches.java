package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.FileSearch;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import io.p2ptestbed.overlay.time.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * File searches on overlays that find peers sharing a file (a central index, super-peers), graded against ground
 * truth: a search from a live peer for a file another live peer shares is served when its answer names at least
 * one live peer that shares the file. The overlay's part is a list of {@link Peer}s.
 */
public final class FileSearches {

    private FileSearches() {}

    /**
     * A live peer as the searches see it.
     *
     * @param files    what it shares (empty: it shares nothing)
     * @param canAsk   whether it searches (a leaf, a peer: not the index)
     * @param search   starts a search on the node's thread; completes with the peers named, or null when unanswered
     */
    public record Peer(NodeAddress address, Scheduler scheduler, List<String> files, boolean canAsk,
                       Function<String, CompletableFuture<List<NodeAddress>>> search) {}

    /**
     * Searches, tallied.
     *
     * @param answered searches that got an answer
     * @param served   searches whose answer named a live peer sharing the file
     * @param returned peers named in all answers
     * @param good     of those, live peers that share the file
     */
    public record Tally(int searches, int answered, int served, long returned, long good) {

        public double serviceRatio() {
            return searches == 0 ? 0 : (double) served / searches;
        }

        public double precision() {
            return returned == 0 ? 0 : (double) good / returned;
        }

        public Map<String, Double> asMap(String prefix) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(prefix + "searches", (double) searches);
            m.put(prefix + "answered", (double) answered);
            m.put(prefix + "service_ratio", serviceRatio());
            m.put(prefix + "result_precision", precision());
            return m;
        }

        @Override
        public String toString() {
            return String.format("%d searches: %d answered, %d served (%.1f%%); %d peers returned, %d of them live and sharing the file (%.1f%%)",
                    searches, answered, served, 100 * serviceRatio(), returned, good, 100 * precision());
        }
    }

    /**
     * {@code count} searches started {@code spreadMillis / count} apart (all at once for 0), each from a peer that
     * can ask, for a file that another peer shares; waits for all of them.
     */
    public static Tally run(LocalRuntime rt, List<Peer> peers, int count, long spreadMillis, RandomGenerator rng) {
        Map<NodeAddress, Peer> byAddress = new LinkedHashMap<>();
        peers.forEach(p -> byAddress.put(p.address(), p));
        return run(peers.stream().map(p -> new Sharer(p.address(), p.files(), p.canAsk())).toList(), count, spreadMillis, rng,
                planned -> {
                    List<CompletableFuture<List<NodeAddress>>> answers = new ArrayList<>();
                    for (Planned q : planned) {
                        Peer from = byAddress.get(q.from());
                        CompletableFuture<List<NodeAddress>> f = new CompletableFuture<>();
                        Function<String, CompletableFuture<List<NodeAddress>>> search = from.search();
                        from.scheduler().schedule(q.afterMillis(),
                                () -> search.apply(q.file()).whenComplete((v, e) -> f.complete(e == null ? v : null)));
                        answers.add(f);
                    }
                    return rt.awaitOperations(answers);
                });
    }

    /**
     * Searches on any runtime, through the nodes' {@link FileSearch} capability: on the simulated and loopback
     * runtimes on each node's own thread, on the container runtimes through each node's control interface
     * ({@code GET /v1/files}, {@code POST /v1/searches}).
     */
    public static Tally run(NetworkRuntime rt, int count, long spreadMillis, RandomGenerator rng) {
        if (rt instanceof LocalRuntime local) {
            return run(local, localPeers(local), count, spreadMillis, rng);
        }
        if (rt instanceof ControlledRuntime controlled) {
            return run(ControlledFileSearch.sharers(controlled), count, spreadMillis, rng,
                    planned -> ControlledFileSearch.search(controlled, planned));
        }
        throw unsupported(rt);
    }

    /** Every live node: what it shares and whether it searches, in node order. */
    public static List<Sharer> sharers(NetworkRuntime rt) {
        if (rt instanceof LocalRuntime local) {
            return localPeers(local).stream().map(p -> new Sharer(p.address(), p.files(), p.canAsk())).toList();
        }
        if (rt instanceof ControlledRuntime controlled) {
            return ControlledFileSearch.sharers(controlled);
        }
        throw unsupported(rt);
    }

    private static List<Peer> localPeers(LocalRuntime local) {
        List<Peer> peers = new ArrayList<>();
        for (NodeHandle h : local.liveNodes()) {
            LocalNode n = (LocalNode) h;
            FileSearch s = local.onOverlay(n, o -> o.require(FileSearch.class, "file searches"));
            peers.add(new Peer(n.address(), n.overlay().scheduler(), local.onOverlay(n, o -> List.copyOf(s.files())),
                    local.onOverlay(n, o -> s.searches()), s::search));
        }
        return peers;
    }

    private static UnsupportedCapabilityException unsupported(NetworkRuntime rt) {
        return new UnsupportedCapabilityException("file searches run on the simulated, loopback and container runtimes, not on "
                + rt.kind().label());
    }

    /** A live peer as the plan of searches sees it: what it shares, and whether it searches. */
    public record Sharer(NodeAddress address, List<String> files, boolean canAsk) {}

    /** One planned search: from which peer, for which file, how long after the first. */
    public record Planned(NodeAddress from, String file, long afterMillis) {}

    /**
     * Plans {@code count} searches (the draws of {@code rng} do not depend on the runtime), runs them with
     * {@code execute} (answer i for search i, null when unanswered) and grades the answers against {@code peers}.
     */
    public static Tally run(List<Sharer> peers, int count, long spreadMillis, RandomGenerator rng,
                            Function<List<Planned>, List<List<NodeAddress>>> execute) {
        List<Sharer> sharing = peers.stream().filter(p -> !p.files().isEmpty()).toList();
        List<Sharer> askers = peers.stream().filter(Sharer::canAsk).toList();
        if (sharing.size() < 2 || askers.size() < 2) {
            throw new IllegalStateException("searches need at least two live peers that share files and two that search; "
                    + sharing.size() + " share and " + askers.size() + " search");
        }
        Map<NodeAddress, List<String>> truth = new LinkedHashMap<>();
        sharing.forEach(p -> truth.put(p.address(), p.files()));
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sharer holder = sharing.get(rng.nextInt(sharing.size()));
            String file = holder.files().get(rng.nextInt(holder.files().size()));
            Sharer from;
            do {
                from = askers.get(rng.nextInt(askers.size()));
            } while (from == holder);
            planned.add(new Planned(from.address(), file, spreadMillis * i / count));
        }
        List<List<NodeAddress>> got = execute.apply(planned);
        int answered = 0, served = 0;
        long returned = 0, good = 0;
        for (int i = 0; i < count; i++) {
            List<NodeAddress> r = got.get(i);
            if (r == null) {
                continue;
            }
            answered++;
            int g = 0;
            for (NodeAddress a : r) {
                List<String> f = truth.get(a);
                if (f != null && f.contains(planned.get(i).file())) {
                    g++;
                }
            }
            returned += r.size();
            good += g;
            served += g > 0 ? 1 : 0;
        }
        return new Tally(count, answered, served, returned, good);
    }
}
