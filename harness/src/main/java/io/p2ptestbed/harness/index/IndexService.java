package io.p2ptestbed.harness.index;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.docker.SchedulerBoundTransport;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.workload.FileSearches;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.index.IndexSearch;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.NodeContext;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import io.p2ptestbed.overlay.time.BoundedRate;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The service a central index gives, measured against ground truth: searches from random live peers for files
 * that another live peer shares; a search is served when the index answered and its answer names at least one
 * live peer that shares the file. Also the attacks on the index: a bounded query flood from attacker peers, and
 * poisoning by fake registrations (addresses in 127.202.0.0/16 and up that nobody listens on).
 */
public final class IndexService {

    private IndexService() {}

    /**
     * {@code count} searches, started {@code spreadMillis / count} apart (all at once for 0), each from a live peer
     * for a file that another live peer shares; waits for all of them. Any runtime (through the nodes' FileSearch).
     */
    public static FileSearches.Tally searches(NetworkRuntime rt, int count, long spreadMillis, RandomGenerator rng) {
        return FileSearches.run(rt, count, spreadMillis, rng);
    }

    /** The live node that is the index (the one that searches nothing). */
    public static NodeHandle index(NetworkRuntime rt) {
        if (rt instanceof LocalRuntime local) {
            for (NodeHandle h : local.liveNodes()) {
                LocalNode n = (LocalNode) h;
                if (local.onOverlay(n, o -> o.require(IndexSearch.class, "searching a central index").isIndex())) {
                    return n;
                }
            }
        } else {
            for (FileSearches.Sharer p : FileSearches.sharers(rt)) {
                if (!p.canAsk()) {
                    return rt.liveNodes().stream().filter(h -> h.address().equals(p.address())).findFirst().orElseThrow();
                }
            }
        }
        throw new IllegalStateException("no live node is the index");
    }

    /**
     * Boots and joins attacker peers (no files), joined to the index: on the simulated and loopback runtimes at
     * attacker prefix {@code prefix} (127.201.prefix.x), on the container runtimes on the one address of attacker pool
     * {@code pool}'s container, on consecutive ports (the index's own codec on that container's UDP sockets).
     */
    private static List<OverlayNode> attackers(NetworkRuntime rt, int count, int prefix, int pool, RandomGenerator rng) {
        Map<String, String> given = new LinkedHashMap<>(rt.scenario().protocol().asMap());
        given.put("files", "0");
        ProtocolParams p = rt.scenario().overlay().params(given);
        NodeAddress index = index(rt).address();
        List<OverlayNode> out = new ArrayList<>();
        if (rt instanceof LocalRuntime local) {
            for (int j = 0; j < count; j++) {
                OverlayNode n = local.bootExtra(Addresses.attacker(prefix, j, local.labPort()), p, new SplittableRandom(rng.nextLong()));
                local.joinExtra(List.of(n), List.of(index));
                out.add(n);
            }
            return out;
        }
        if (!(rt instanceof ControlledRuntime controlled)) {
            throw new UnsupportedCapabilityException("attacker peers of a central index run on the simulated, loopback and "
                    + "container runtimes, not " + rt.kind().label());
        }
        AttackContext ctx = controlled.attackContext(rng);
        AddressPlan plan = controlled.attackerSharedIp(pool, 20_000);
        for (int j = 0; j < count; j++) {
            NodeAddress bind = plan.address(j);
            SplittableRandom r = new SplittableRandom(rng.nextLong());
            // datagrams reach the node on its scheduler, not on the socket host client's reader thread
            Transport t = new SchedulerBoundTransport(ctx.open(bind), ctx.scheduler());
            OverlayNode n = rt.scenario().overlay().create(new NodeContext(rt.scenario().overlay().idFor(bind, r, p), t,
                    ctx.scheduler(), r, p, null));
            ctx.scheduler().execute(n::start);
            out.add(n);
        }
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        out.forEach(n -> joins.add(n.join(List.of(index))));
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        return out;
    }

    /**
     * What a flood did: the honest searches' tally during it, the requests its sources sent the index (counted at their
     * sockets: the flood's queries, at most the bound's count, plus each source's registration when it joined and its retry), the distinct source IP addresses they came from (the rate limit keeps one bucket per
     * address: on loopback every source has its own, in containers the sources share their attacker container's), and
     * the flood's duration.
     */
    public record Flood(FileSearches.Tally honest, long sent, int sourceIps, long durationMillis) {}

    /**
     * A query flood on the index from {@code sources} attacker peers (one address each), at {@code bounds}' rate in
     * total, for random files of the vocabulary, while {@code honest} searches run spread over the flood; returns
     * the honest searches' tally with the flood's own count.
     */
    public static Flood floodWhileSearching(NetworkRuntime rt, FloodBounds bounds, int sources, int honest, RandomGenerator rng) {
        int vocabulary = Integer.parseInt(rt.scenario().protocol().string("vocabulary"));
        List<OverlayNode> flooders = attackers(rt, sources, 40, 1, rng);
        long budget = bounds.budget();
        for (int k = 0; k < flooders.size(); k++) {
            OverlayNode f = flooders.get(k);
            IndexSearch s = f.require(IndexSearch.class, "flooding the index");
            SplittableRandom words = new SplittableRandom(rng.nextLong());
            // this source's share of the rate and of the count (at least 1 a second each)
            int rate = Math.max(1, bounds.ratePerSecond() / flooders.size() + (k < bounds.ratePerSecond() % flooders.size() ? 1 : 0));
            long mine = budget / flooders.size() + (k < budget % flooders.size() ? 1 : 0);
            if (mine > 0) {
                f.scheduler().execute(() -> BoundedRate.run(f.scheduler(), rate, bounds.durationMillis(), mine, f::isRunning,
                        () -> s.searchWithoutWaiting("kw" + words.nextInt(vocabulary))));
            }
        }
        long start = rt.nowMillis();
        FileSearches.Tally t = searches(rt, honest, bounds.durationMillis(), rng);
        long left = bounds.durationMillis() - (rt.nowMillis() - start);
        if (left > 0) {
            rt.advance(left);
        }
        long sent = 0;
        java.util.Set<Integer> ips = new java.util.HashSet<>();
        for (OverlayNode f : flooders) {
            ips.add(f.address().ip());
            // its queries, the registration each source made when it joined, and that registration's retry if the
            // flooded index answered it late: all it sent the index
            sent += io.p2ptestbed.harness.docker.CrossRuntime.onScheduler(rt, f.scheduler(), () -> {
                Map<String, Long> c = f.counters();
                return c.getOrDefault("sent.query", 0L) + c.getOrDefault("sent.register", 0L) + c.getOrDefault("retries", 0L);
            });
        }
        return new Flood(t, sent, ips.size(), bounds.durationMillis());
    }

    /**
     * A poisoner registers {@code fakes} addresses nobody listens on for every file of the vocabulary: in 127.202.0.0/16
     * and up on the simulated and loopback runtimes, on docker the poisoner's container's own IP on ports 30000 and up
     * that nothing binds.
     */
    public static int poison(NetworkRuntime rt, int fakes, RandomGenerator rng) {
        int vocabulary = Integer.parseInt(rt.scenario().protocol().string("vocabulary"));
        OverlayNode poisoner = attackers(rt, 1, 41, 2, rng).get(0);
        IndexSearch s = poisoner.require(IndexSearch.class, "registering fake peers");
        // 5 registrations a millisecond in simulation; on real sockets 1, so that a busy machine does not overflow the
        // index's receive buffer (in bursts of 50 every 10 ms, a loaded machine lost up to half of them on loopback)
        int perMilli = rt.kind() == RuntimeKind.SIMULATED ? 5 : 1;
        int k = 0;
        for (int w = 0; w < vocabulary; w++) {
            for (int j = 0; j < fakes; j++, k++) {
                NodeAddress fake = fakeAddress(rt, k);
                s.register(fake, List.of("kw" + w));
                if ((k + 1) % perMilli == 0) {
                    rt.advance(1);
                }
            }
        }
        rt.advance(2_000);
        return k;
    }

    /** Fake peer number {@code k}: an address where nobody listens, inside the lab network. */
    private static NodeAddress fakeAddress(NetworkRuntime rt, int k) {
        if (rt instanceof LocalRuntime local) {
            return Addresses.attacker(256 + k / 254, k % 254, local.labPort()); // 127.202.0.0 and up
        }
        if (rt instanceof DockerRuntime d) {
            // the poisoner's own container (pool 2), on ports nothing binds: a host that answers ARP but no index
            // protocol, as a closed port on 127.x on loopback. Fakes at addresses no host holds would leave every
            // probe of the registration check waiting for ARP (about 3 s), holding the index's socket send buffer
            // and delaying its answers to honest peers past their retry (seen: 0 of 100 searches answered).
            return new NodeAddress(d.plan().attackerHostIp(2), 30_000 + k);
        }
        throw new UnsupportedCapabilityException("fake registrations name addresses of the lab network: simulated, loopback "
                + "and docker runtimes, not " + rt.kind().label());
    }
}
