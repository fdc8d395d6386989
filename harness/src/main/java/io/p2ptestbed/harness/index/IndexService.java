package io.p2ptestbed.harness.index;

import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.workload.FileSearches;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.index.IndexSearch;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The service a central index gives, measured against ground truth: searches from random live peers for files
 * that another live peer shares; a search is served when the index answered and its answer names at least one
 * live peer that shares the file. Also the attacks on the index: a bounded query flood from attacker peers, and
 * poisoning by fake registrations (addresses in 127.202.0.0/16 and up that nobody listens on).
 */
public final class IndexService {

    private IndexService() {}

    /** Every live node as the searches see it (the index searches nothing). */
    private record Peer(LocalNode node, IndexSearch search, boolean index) {}

    private static List<Peer> peers(LocalRuntime rt) {
        List<Peer> out = new ArrayList<>();
        for (NodeHandle h : rt.liveNodes()) {
            LocalNode n = (LocalNode) h;
            IndexSearch s = rt.onOverlay(n, o -> o.require(IndexSearch.class, "searching a central index"));
            out.add(new Peer(n, s, rt.onOverlay(n, o -> s.isIndex())));
        }
        return out;
    }

    /**
     * {@code count} searches, started {@code spreadMillis / count} apart (all at once for 0), each from a live peer
     * for a file that another live peer shares; waits for all of them.
     */
    public static FileSearches.Tally searches(LocalRuntime rt, int count, long spreadMillis, RandomGenerator rng) {
        List<FileSearches.Peer> peers = new ArrayList<>();
        for (Peer p : peers(rt)) {
            List<String> files = p.index() ? List.of() : rt.onOverlay(p.node(), o -> p.search().files());
            peers.add(new FileSearches.Peer(p.node().address(), p.node().overlay().scheduler(), files, !p.index(),
                    p.search()::search));
        }
        return FileSearches.run(rt, peers, count, spreadMillis, rng);
    }

    /** The live node that is the index. */
    public static LocalNode index(LocalRuntime rt) {
        for (Peer p : peers(rt)) {
            if (p.index()) {
                return p.node();
            }
        }
        throw new IllegalStateException("no live node is the index");
    }

    /** Boots and joins attacker peers (no files) from attacker prefix {@code prefix}, joined to the index. */
    private static List<OverlayNode> attackers(LocalRuntime rt, int count, int prefix, RandomGenerator rng) {
        Map<String, String> given = new LinkedHashMap<>(rt.scenario().protocol().asMap());
        given.put("files", "0");
        ProtocolParams p = rt.protocol().params(given);
        NodeAddress index = index(rt).address();
        List<OverlayNode> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            OverlayNode n = rt.bootExtra(Addresses.attacker(prefix, j, rt.labPort()), p, new SplittableRandom(rng.nextLong()));
            rt.joinExtra(List.of(n), List.of(index));
            out.add(n);
        }
        return out;
    }

    /**
     * A query flood on the index from {@code sources} attacker peers (one address each), at {@code bounds}' rate in
     * total, for random files of the vocabulary, while {@code honest} searches run spread over the flood; returns
     * the honest searches' tally.
     */
    public static FileSearches.Tally floodWhileSearching(LocalRuntime rt, FloodBounds bounds, int sources, int honest, RandomGenerator rng) {
        int vocabulary = Integer.parseInt(rt.scenario().protocol().string("vocabulary"));
        List<OverlayNode> flooders = attackers(rt, sources, 40, rng);
        long gap = Math.max(1, 1000L / bounds.ratePerSecond());
        long perTick = Math.max(1, bounds.ratePerSecond() * gap / 1000);
        long budget = bounds.budget();
        long ticks = Math.min(bounds.durationMillis() / gap, (budget + perTick - 1) / perTick);
        for (int k = 0; k < flooders.size(); k++) {
            OverlayNode f = flooders.get(k);
            IndexSearch s = f.require(IndexSearch.class, "flooding the index");
            SplittableRandom words = new SplittableRandom(rng.nextLong());
            long mine = perTick / flooders.size() + (k < perTick % flooders.size() ? 1 : 0);
            long[] sent = {0};
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                for (long i = 0; i < mine; i++) {
                    s.searchWithoutWaiting("kw" + words.nextInt(vocabulary));
                }
                if (++sent[0] < ticks && f.isRunning()) {
                    f.scheduler().schedule(gap, tick[0]);
                }
            };
            f.scheduler().execute(tick[0]);
        }
        long start = rt.nowMillis();
        FileSearches.Tally t = searches(rt, honest, bounds.durationMillis(), rng);
        long left = bounds.durationMillis() - (rt.nowMillis() - start);
        if (left > 0) {
            rt.advance(left);
        }
        return t;
    }

    /** A poisoner registers {@code fakes} addresses nobody listens on for every file of the vocabulary. */
    public static int poison(LocalRuntime rt, int fakes, RandomGenerator rng) {
        int vocabulary = Integer.parseInt(rt.scenario().protocol().string("vocabulary"));
        OverlayNode poisoner = attackers(rt, 1, 41, rng).get(0);
        IndexSearch s = poisoner.require(IndexSearch.class, "registering fake peers");
        int k = 0;
        for (int w = 0; w < vocabulary; w++) {
            for (int j = 0; j < fakes; j++, k++) {
                NodeAddress fake = Addresses.attacker(256 + k / 254, k % 254, rt.labPort()); // 127.202.0.0 and up
                s.register(fake, List.of("kw" + w));
            }
            rt.advance(10); // registrations go out 10 ms apart per file, not all in one instant
        }
        rt.advance(2_000);
        return k;
    }
}
