package io.p2ptestbed.harness.ethereum;

import static io.p2ptestbed.harness.attack.CountermeasureSets.with;

import io.p2ptestbed.adversary.ethereum.EthSybil;
import io.p2ptestbed.adversary.ethereum.MarcusPlan;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.harness.attack.CountermeasureSets;
import io.p2ptestbed.harness.metrics.BinomialFloor;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.ethereum.EthConfig;
import io.p2ptestbed.overlay.ethereum.EthTable;
import io.p2ptestbed.overlay.ethereum.EthereumView;
import io.p2ptestbed.overlay.ethereum.NodeKey;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Marcus, Heilman and Goldberg's eclipse of an Ethereum node ("Low-Resource Eclipse Attacks on Ethereum's
 * Peer-to-Peer Network", 2018), with every packet in discovery v4's and devp2p's wire formats. A network of honest
 * nodes runs for a warm-up; the attacker's ids (cheap keys, many per IP address: {@link MarcusPlan}) each ping the
 * victims, which bond with them and store them (table; db); some time later the victims restart (the table is
 * emptied, the db kept and read for seeds); at once the attacker connects its ids to hold the victims' inbound
 * slots, and answers every findnode with its own ids. After {@code measureMillis} we count each victim's devp2p
 * peers held by the attacker: a victim is eclipsed when every one of its peers is an attacker id (the paper's
 * criterion: the attacker monopolises all incoming and outgoing connections).
 */
public final class MarcusEclipse {

    private MarcusEclipse() {}

    /**
     * The attack's shape.
     *
     * @param ips           the attacker's IP addresses (the paper: 2)
     * @param poisonMillis  span over which every attacker id pings every victim once
     * @param warmupMillis  the honest network's history before the attack
     * @param gapMillis     time between the end of the poisoning and the victims' restart
     * @param downMillis    how long a victim is down when it restarts
     * @param measureMillis time after the restart at which the connections are counted
     * @param victims       victims attacked at once
     */
    public record Setup(int ips, long poisonMillis, long warmupMillis, long gapMillis, long downMillis, long measureMillis,
                        int victims) {

        /** The bundled scenarios' shape (see the feature text). */
        public static Setup standard(int victims) {
            return new Setup(2, 120_000, 420_000, 420_000, 5_000, 60_000, victims);
        }
    }

    /**
     * One point: a countermeasure set at a number of attacker ids, measured on {@code seeds} networks (one seed each)
     * with {@code victims} victims in all; the means are over every victim.
     */
    public record Point(String defence, int ids, int ips, int victims, double meanShare, double meanOutboundShare, int eclipsed,
                        double meanPeers, double meanTableShare, int seeds) {

        public double eclipseRate() {
            return victims == 0 ? 0 : (double) eclipsed / victims;
        }

        /**
         * The two-sided Clopper-Pearson interval of the eclipse rate at {@code confidence} (e.g. 0.95), as if the
         * victims were independent trials (victims of one network share its attacker and honest nodes, so the true
         * interval is somewhat wider: say so where it is quoted).
         */
        public double[] eclipseInterval(double confidence) {
            double oneSided = 1 - (1 - confidence) / 2;
            return new double[] {BinomialFloor.lowerBound(victims, eclipsed, oneSided),
                    BinomialFloor.upperBound(victims, eclipsed, oneSided)};
        }

        /** The points of one set and number of ids on several seeds as one: counts summed, means weighted by victims. */
        public static Point pool(List<Point> points) {
            if (points.isEmpty()) {
                throw new IllegalArgumentException("no points to pool");
            }
            Point first = points.get(0);
            int victims = 0;
            int eclipsed = 0;
            int seeds = 0;
            double share = 0;
            double out = 0;
            double peers = 0;
            double table = 0;
            for (Point p : points) {
                if (!p.defence.equals(first.defence) || p.ids != first.ids || p.ips != first.ips) {
                    throw new IllegalArgumentException("pooled points must share set, ids and IP addresses: " + first + " and " + p);
                }
                victims += p.victims;
                eclipsed += p.eclipsed;
                seeds += p.seeds;
                share += p.meanShare * p.victims;
                out += p.meanOutboundShare * p.victims;
                peers += p.meanPeers * p.victims;
                table += p.meanTableShare * p.victims;
            }
            int n = Math.max(1, victims);
            return new Point(first.defence, first.ids, first.ips, victims, share / n, out / n, eclipsed, peers / n, table / n, seeds);
        }
    }

    /**
     * Named sets: geth 1.7 ("none": 13 dials and inbound up to all 25 slots, 257 buckets, no IP limits, every bonded
     * node a seed); each of geth 1.8's changes alone over it; the dial ratio with each table defence (alone, the
     * table defences cannot help while inbound connections may take every slot); and "all" (geth 1.8).
     */
    public static Map<String, Map<String, String>> configurations() {
        Map<String, String> legacy = new LinkedHashMap<>();
        legacy.put("dialRatio", "0");
        legacy.put("buckets", "257");
        legacy.put("ipLimits", "false");
        legacy.put("seedAge", "false");
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        m.put("none", legacy);
        m.put("dial-ratio", with(legacy, "dialRatio", "3"));
        m.put("ip-limits", with(legacy, "ipLimits", "true"));
        m.put("seed-age", with(legacy, "seedAge", "true"));
        m.put("buckets-17", with(legacy, "buckets", "17"));
        m.put("dial-ratio+ip-limits", with(legacy, "dialRatio", "3", "ipLimits", "true"));
        m.put("dial-ratio+seed-age", with(legacy, "dialRatio", "3", "seedAge", "true"));
        m.put("all", with(legacy, "dialRatio", "3", "buckets", "17", "ipLimits", "true", "seedAge", "true"));
        return m;
    }

    public static Map<String, String> configuration(String name) {
        return CountermeasureSets.named(configurations(), name);
    }

    /** Runs one point on a fresh simulated network of the scenario's size and seed. */
    public static Point run(Scenario base, String defence, int ids, Setup setup) {
        Scenario s = base.withProtocol("ethereum").withParams(configuration(defence)).withRuntime(RuntimeKind.SIMULATED)
                .withName(base.name() + " " + defence + " ids=" + ids);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            rt.start();
            rt.advance(setup.warmupMillis());
            List<LocalNode> victims = pickVictims(rt, setup.victims());
            Attack a = attack(rt, victims, ids, setup);
            return measure(rt, defence, ids, setup.ips(), victims, a.addresses());
        }
    }

    /** {@code n} distinct victims drawn from the seed, never the bootstrap node. */
    public static List<LocalNode> pickVictims(LocalRuntime rt, int n) {
        RandomGenerator rng = rt.seeds().stream("marcus-victims", n);
        List<LocalNode> honest = new ArrayList<>(rt.nodes());
        List<LocalNode> out = new ArrayList<>();
        while (out.size() < Math.min(n, honest.size() - 1)) {
            LocalNode v = honest.get(1 + rng.nextInt(honest.size() - 1));
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Where the attack runs: the runtime's clock, the sockets of the attacker's ids, and each victim's Ethereum view
     * (in the runtime's JVM on the simulated and loopback runtimes: {@link #local}; through each node container's
     * control interface in containers: {@code DockerMarcus}).
     */
    public interface Lab {

        /** The victims' configuration (their maxPeers bounds the slots the attacker takes). */
        EthConfig config();

        /** The addresses of {@code ids} attacker ids on {@code ips} IP addresses. */
        List<NodeAddress> attackerAddresses(int ids, int ips);

        /** The randomness of attacker id {@code i} (from the scenario's seed): its key, then its RLPx handshakes. */
        RandomGenerator keyStream(int i);

        /**
         * Boots and starts the attacker id {@code key} at {@code address} (its UDP socket and TCP listener there);
         * {@code rng} gives its RLPx handshakes' ephemeral keys, nonces and IVs.
         */
        EthSybil boot(NodeAddress address, NodeKey key, EthSybil.Roster roster, RandomGenerator rng);

        /** Lets {@code millis} of the runtime's time pass. */
        void advance(long millis);

        /** The victim's devp2p peers and table now. */
        Peers peers(NodeHandle victim);

        /** Restarts the victim for {@code downMillis}, keeping its db (geth's nodes directory). */
        void restart(NodeHandle victim, long downMillis);
    }

    /** A victim's devp2p peers by direction and its table's entries, as listening (TCP) addresses. */
    public record Peers(List<NodeAddress> outbound, List<NodeAddress> inbound, List<NodeAddress> table) {}

    /** The lab of a runtime whose nodes live in this JVM (simulated, loopback). */
    public static Lab local(LocalRuntime rt) {
        return new Lab() {
            @Override
            public EthConfig config() {
                return EthConfig.of(rt.scenario().protocol());
            }

            @Override
            public List<NodeAddress> attackerAddresses(int ids, int ips) {
                return MarcusPlan.addresses(ids, ips, rt.labPort());
            }

            @Override
            public RandomGenerator keyStream(int i) {
                return rt.seeds().stream("marcus-sybil", i);
            }

            @Override
            public EthSybil boot(NodeAddress a, NodeKey k, EthSybil.Roster roster, RandomGenerator rng) {
                return (EthSybil) rt.bootExtraOnStreams(a, (tr, sch, st) -> new EthSybil(a, k, tr, st, sch, roster,
                        LabGuard.loopbackOnly(), rng));
            }

            @Override
            public void advance(long millis) {
                rt.advance(millis);
            }

            @Override
            public Peers peers(NodeHandle victim) {
                LocalNode v = (LocalNode) victim;
                return rt.onOverlay(v, n -> {
                    List<NodeAddress> table = new ArrayList<>();
                    for (EthTable.Node e : view(v).table().nodes()) {
                        table.add(e.tcpAddress());
                    }
                    return new Peers(view(v).outboundPeers(), view(v).inboundPeers(), table);
                });
            }

            @Override
            public void restart(NodeHandle victim, long downMillis) {
                LocalNode v = (LocalNode) victim;
                rt.onOverlay(v, n -> {
                    view(v).restart(downMillis);
                    return null;
                });
            }
        };
    }

    /** Measures the attacker's share of each victim's connections now. */
    public static Point measure(LocalRuntime rt, String defence, int ids, int ips, List<LocalNode> victims, Set<NodeAddress> attacker) {
        return measure(local(rt), defence, ids, ips, victims, attacker);
    }

    /** Measures the attacker's share of each victim's connections now, on any runtime. */
    public static Point measure(Lab lab, String defence, int ids, int ips, List<? extends NodeHandle> victims,
                                Set<NodeAddress> attacker) {
        if (victims.isEmpty()) {
            throw new IllegalArgumentException("no victims to measure");
        }
        List<Point> each = new ArrayList<>();
        for (NodeHandle v : victims) {
            Peers p = lab.peers(v);
            List<NodeAddress> out = p.outbound();
            List<NodeAddress> in = p.inbound();
            long badOut = out.stream().filter(attacker::contains).count();
            long badIn = in.stream().filter(attacker::contains).count();
            int all = out.size() + in.size();
            long badTable = p.table().stream().filter(attacker::contains).count();
            each.add(new Point(defence, ids, ips, 1, all == 0 ? 0 : (double) (badOut + badIn) / all,
                    out.isEmpty() ? 0 : (double) badOut / out.size(), all > 0 && badOut + badIn == all ? 1 : 0, all,
                    p.table().isEmpty() ? 0 : (double) badTable / p.table().size(), 0));
        }
        Point q = Point.pool(each);
        // one network: one seed
        return new Point(defence, ids, ips, q.victims(), q.meanShare(), q.meanOutboundShare(), q.eclipsed(), q.meanPeers(),
                q.meanTableShare(), 1);
    }

    /** A launched attack: its ids' addresses and Sybils (stopped with the runtime). */
    public record Attack(Set<NodeAddress> addresses, List<EthSybil> sybils) {}

    /** {@link #attack(Lab, List, int, Setup)} on a runtime whose nodes live in this JVM. */
    public static Attack attack(LocalRuntime rt, List<LocalNode> victims, int ids, Setup setup) {
        return attack(local(rt), victims, ids, setup);
    }

    /**
     * Runs the attack on a running network (simulated, loopback or containers): boots the ids, has each ping every
     * victim (spread over {@code poisonMillis}), waits {@code gapMillis}, restarts the victims, holds their inbound
     * slots and lets {@code measureMillis} pass.
     */
    public static Attack attack(Lab lab, List<? extends NodeHandle> victims, int ids, Setup setup) {
        EthConfig config = lab.config();
        List<NodeAddress> addresses = lab.attackerAddresses(ids, setup.ips());
        EthSybil.Roster roster = new EthSybil.Roster();
        List<NodeKey> keys = new ArrayList<>();
        List<RandomGenerator> streams = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            // one stream per id: its key first, then its RLPx handshakes' ephemeral keys, nonces and IVs
            RandomGenerator r = lab.keyStream(i);
            NodeKey k = NodeKey.generate(r);
            keys.add(k);
            streams.add(r);
            roster.add(k, addresses.get(i));
        }
        List<EthSybil> sybils = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            sybils.add(lab.boot(addresses.get(i), keys.get(i), roster, streams.get(i)));
        }
        long step = Math.max(1, setup.poisonMillis() / Math.max(1, sybils.size()));
        for (EthSybil y : sybils) {
            for (NodeHandle v : victims) {
                y.poison(v.address());
            }
            lab.advance(step);
        }
        lab.advance(Math.max(0, setup.poisonMillis() - step * sybils.size()) + setup.gapMillis());
        for (NodeHandle v : victims) {
            lab.restart(v, setup.downMillis());
        }
        lab.advance(setup.downMillis() + 1);
        for (NodeHandle v : victims) {
            for (int i = 0; i < Math.min(sybils.size(), config.maxPeers()); i++) {
                sybils.get((v.index() * 7 + i) % sybils.size()).hold(v.address());
            }
        }
        lab.advance(setup.measureMillis());
        return new Attack(new LinkedHashSet<>(addresses), sybils);
    }

    private static EthereumView view(LocalNode n) {
        return n.overlay().require(EthereumView.class, "Marcus et al.'s eclipse");
    }

    /** Every set at every number of ids (a fresh network per point), on the scenario's seed. */
    public static List<Point> curves(Scenario base, List<String> defences, int[] ids, Setup setup,
                                     java.util.function.Consumer<Point> each) {
        return curves(base, defences, ids, new long[] {base.seed()}, setup, each);
    }

    /**
     * Every set at every number of ids, each point pooled over {@code seeds}: a fresh network per seed, {@code
     * setup.victims()} victims in each, so a point has {@code seeds.length * victims} victims.
     */
    public static List<Point> curves(Scenario base, List<String> defences, int[] ids, long[] seeds, Setup setup,
                                     java.util.function.Consumer<Point> each) {
        for (String d : defences) {
            configuration(d);
        }
        if (seeds.length == 0) {
            throw new IllegalArgumentException("name at least one seed");
        }
        List<Point> out = new ArrayList<>();
        for (String d : defences) {
            for (int t : ids) {
                List<Point> perSeed = new ArrayList<>();
                for (long seed : seeds) {
                    perSeed.add(run(base.withSeed(seed), d, t, setup));
                }
                Point p = Point.pool(perSeed);
                out.add(p);
                each.accept(p);
            }
        }
        return out;
    }

    /**
     * The curves as CSV: the set (curve), the attacker's ids (x), then the measured values: the pooled counts (victims
     * eclipsed of all victims, over how many seeds) and the eclipse rate's two-sided 95% Clopper-Pearson interval.
     */
    public static void writeCsv(List<Point> points, Path file) {
        StringBuilder sb = new StringBuilder("curve,attacker_ids,connection_share,outbound_share,eclipse_rate,victims,"
                + "mean_peers,table_attacker_share,eclipsed,seeds,eclipse_rate_low95,eclipse_rate_high95\n");
        for (Point p : points) {
            double[] ci = p.eclipseInterval(0.95);
            sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%d,%.2f,%.4f,%d,%d,%.4f,%.4f%n", p.defence(), p.ids(),
                    p.meanShare(), p.meanOutboundShare(), p.eclipseRate(), p.victims(), p.meanPeers(), p.meanTableShare(),
                    p.eclipsed(), p.seeds(), ci[0], ci[1]));
        }
        CountermeasureSets.writeCsv(sb.toString(), file);
    }
}
