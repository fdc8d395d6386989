package io.p2ptestbed.harness.bitcoin;

import static io.p2ptestbed.harness.attack.CountermeasureSets.with;

import io.p2ptestbed.adversary.bitcoin.BitcoinSybil;
import io.p2ptestbed.adversary.bitcoin.EclipsePlan;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.harness.attack.CountermeasureSets;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.bitcoin.AddrMan;
import io.p2ptestbed.overlay.bitcoin.BitcoinConfig;
import io.p2ptestbed.overlay.bitcoin.BitcoinView;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Heilman, Kendler, Zohar and Goldberg's eclipse of a Bitcoin node (USENIX Security 2015, section 3), on the
 * simulated runtime with every message through the real codec. A network of honest nodes runs for a warm-up; the
 * attacker's {@code t} addresses then connect to each victim in rounds (a version naming their own address,
 * which bitcoind 0.9.3 puts into "tried"; addr messages of trash addresses into "new"); the victims restart
 * (keeping their tables, as bitcoind keeps peers.dat); the attacker at once connects to hold their inbound
 * slots; after {@code measureMillis} we count each victim's outbound connections to attacker addresses. A victim
 * is eclipsed when all of them are (the paper's success criterion: the attacker holds every outbound connection;
 * it holds the inbound slots by construction).
 */
public final class HeilmanEclipse {

    private HeilmanEclipse() {}

    /**
     * The attack's shape.
     *
     * @param groups          0 for a botnet (addresses over all lab groups), else an infrastructure attacker's groups
     * @param trashPerVisit   trash addresses each attacker address sends per visit
     * @param rounds          visits of every attacker address to every victim
     * @param roundMillis     virtual time a round spans (visits are spread over it)
     * @param warmupMillis    virtual time the honest network runs before the attack
     * @param gapMillis       virtual time between the last round and the victims' restart (a restart comes when it
     *                        comes; Core shuns addresses tried in the last 10 minutes, and Good counts as a try)
     * @param downMillis      how long a victim is down when it restarts
     * @param measureMillis   the longest after the restart before outbound connections are counted (they are counted
     *                        as soon as every victim has filled its outbound slots, in steps of 10 s)
     * @param victims         victims attacked at once (independent trials in one network)
     * @param lingerMillis    how long a visiting attacker address stays connected after the handshake (its addr sent)
     * @param skipMillis      how much later a restarted victim's Bitcoin clock reads than the runtime's (0 in simulation,
     *                        where the gap really passes; on the wall clock it stands for the part of the gap not waited)
     */
    public record Setup(int groups, int trashPerVisit, int rounds, long roundMillis, long warmupMillis, long gapMillis,
                        long downMillis, long measureMillis, int victims, long lingerMillis, long skipMillis) {

        /** The defaults used by the bundled simulated scenarios (see the feature text). */
        public static Setup standard(int victims) {
            return new Setup(0, 16, 4, 600_000, 1_800_000, 1_200_000, 5_000, 600_000, victims, 1_000, 0);
        }

        /**
         * The same attack scaled to wall-clock time (the loopback runtime): 2 rounds of 8 s instead of 4 of 10 minutes,
         * the restart 2 s after the last round, with the victim's Bitcoin clock moved on by the rest of the
         * simulation's 20 minutes (so that its kept entries, the attacker's included, are no longer "tried in the last
         * 10 minutes", as after the paper's restart), down 1 s instead of 5, outbound connections
         * counted once filled (at most 45 s), visits closed 200 ms after the handshake (so that the victim's 117
         * inbound slots are not taken by visits in flight). Everything else (addresses, trash, holding) as
         * {@link #standard}.
         */
        public static Setup realTime(int victims) {
            return new Setup(0, 16, 2, 8_000, 0, 2_000, 1_000, 45_000, victims, 200, 1_198_000);
        }
    }

    /** One point of a curve: a defence configuration at a number of attacker addresses. */
    public record Point(String defence, int addresses, int victims, double meanShare, int eclipsed, double meanOutbound,
                        double meanTriedShare) {

        public double eclipseRate() {
            return victims == 0 ? 0 : (double) eclipsed / victims;
        }
    }

    /**
     * Named configurations: the paper's bitcoind 0.9.3 ("none"); each countermeasure Core adopted, alone over 0.9.3
     * (0.10.1's deterministic buckets with unbiased selection and larger tables, test-before-evict, feelers, anchors,
     * 10 outbound connections, and no inbound peers in "tried", Core PR 8594); and "all" of them (Core today).
     */
    public static Map<String, Map<String, String>> configurations() {
        Map<String, String> legacy = new LinkedHashMap<>();
        legacy.put("newBuckets", "256");
        legacy.put("triedBuckets", "64");
        legacy.put("deterministicBuckets", "false");
        legacy.put("timestampBias", "true");
        legacy.put("testBeforeEvict", "false");
        legacy.put("feelers", "false");
        legacy.put("anchors", "false");
        legacy.put("inboundToTried", "true");
        legacy.put("outbound", "8");
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        m.put("none", legacy);
        m.put("deterministic-buckets", with(legacy, "deterministicBuckets", "true", "newBuckets", "1024", "triedBuckets", "256",
                "timestampBias", "false"));
        m.put("test-before-evict", with(legacy, "testBeforeEvict", "true"));
        m.put("feelers", with(legacy, "feelers", "true"));
        m.put("anchors", with(legacy, "anchors", "true"));
        m.put("outbound-10", with(legacy, "outbound", "10"));
        m.put("no-inbound-to-tried", with(legacy, "inboundToTried", "false"));
        m.put("all", with(legacy, "deterministicBuckets", "true", "newBuckets", "1024", "triedBuckets", "256",
                "timestampBias", "false", "testBeforeEvict", "true", "feelers", "true", "anchors", "true", "outbound", "10",
                "inboundToTried", "false"));
        return m;
    }

    /** The parameters of a named configuration, or a message listing the names. */
    public static Map<String, String> configuration(String name) {
        return CountermeasureSets.named(configurations(), name);
    }

    /** Runs one point: a fresh network of the scenario's size and seed under {@code defence}, attacked by {@code t} addresses. */
    public static Point run(Scenario base, String defence, int t, Setup setup) {
        Scenario s = base.withProtocol("bitcoin").withParams(configuration(defence)).withRuntime(RuntimeKind.SIMULATED)
                .withName(base.name() + " " + defence + " t=" + t);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            rt.start();
            rt.advance(setup.warmupMillis());
            RandomGenerator rng = rt.seeds().stream("heilman", t);
            List<LocalNode> honest = new ArrayList<>(rt.nodes());
            List<LocalNode> victims = new ArrayList<>();
            while (victims.size() < Math.min(setup.victims(), honest.size() - 1)) {
                LocalNode v = honest.get(1 + rng.nextInt(honest.size() - 1)); // never the seed
                if (!victims.contains(v)) {
                    victims.add(v);
                }
            }
            return measure(rt, defence, t, victims, attack(rt, victims, t, setup).addresses());
        }
    }

    /**
     * A victim as the attack sees it: where it listens, its outbound peers and tried table, and its restart. In the JVM
     * through {@link BitcoinView} on the node's own thread; in a container through its control interface
     * ({@link DockerBitcoin}).
     */
    public interface Victim {
        NodeAddress address();

        /** The node's index in its network (which attacker addresses hold its inbound slots). */
        int index();

        List<NodeAddress> outboundPeers();

        /** The addresses in its tried table. */
        List<NodeAddress> tried();

        void restart(long downMillis, long skipSeconds);
    }

    /** Where the attack runs: the attacker's addresses and trash, its Sybils, and time. */
    interface Lab {
        List<NodeAddress> addresses(int t, int groups);

        List<NodeAddress> trash(int i, int round, int n);

        BitcoinSybil boot(int i, NodeAddress a);

        /** The Sybil opens a connection to the victim and holds it (an inbound slot). */
        default void hold(BitcoinSybil y, NodeAddress victim) {
            y.hold(victim);
        }

        void advance(long millis);

        long nowMillis();
    }

    /** A victim in the JVM (simulated or loopback), read on its own thread. */
    static Victim local(LocalRuntime rt, LocalNode v) {
        return new Victim() {
            public NodeAddress address() {
                return v.address();
            }

            public int index() {
                return v.index();
            }

            public List<NodeAddress> outboundPeers() {
                return rt.onOverlay(v, n -> view(v).outboundPeers());
            }

            public List<NodeAddress> tried() {
                return rt.onOverlay(v, n -> view(v).addrMan().entries().stream().filter(AddrMan.Info::tried)
                        .map(AddrMan.Info::address).toList());
            }

            public void restart(long downMillis, long skipSeconds) {
                rt.onOverlay(v, n -> {
                    view(v).restart(downMillis, skipSeconds);
                    return null;
                });
            }
        };
    }

    /** The simulated or loopback runtime as the attack's lab: EclipsePlan's addresses, each Sybil a listener of its own. */
    static Lab local(LocalRuntime rt) {
        return new Lab() {
            public List<NodeAddress> addresses(int t, int groups) {
                return EclipsePlan.addresses(t, groups, rt.labPort());
            }

            public List<NodeAddress> trash(int i, int round, int n) {
                return EclipsePlan.trash(i, round, n, rt.labPort());
            }

            public BitcoinSybil boot(int i, NodeAddress a) {
                RandomGenerator r = rt.seeds().stream("heilman-sybil", i);
                return (BitcoinSybil) rt.bootStreamAttacker(a, (sch, st) -> new BitcoinSybil(a, st, sch, r, LabGuard.loopbackOnly()));
            }

            public void advance(long millis) {
                rt.advance(millis);
            }

            public long nowMillis() {
                return rt.nowMillis();
            }
        };
    }

    /**
     * The attacker's share of each victim's outbound connections now, how many victims it holds entirely (eclipsed),
     * and its share of their tried tables; read on each victim's own thread (simulated or loopback).
     */
    public static Point measure(LocalRuntime rt, String defence, int t, List<LocalNode> victims, Set<NodeAddress> attacker) {
        return measure(defence, t, victims.stream().map(v -> local(rt, v)).toList(), attacker);
    }

    /** As {@link #measure(LocalRuntime, String, int, List, Set)}, for victims wherever they run. */
    public static Point measure(String defence, int t, List<? extends Victim> victims, Set<NodeAddress> attacker) {
        List<Seen> seen = victims.stream().map(v -> seen(v, attacker)).toList();
        int n = seen.size();
        return new Point(defence, t, n, seen.stream().mapToDouble(Seen::share).sum() / n,
                (int) seen.stream().filter(Seen::eclipsed).count(), seen.stream().mapToDouble(Seen::outbound).sum() / n,
                seen.stream().mapToDouble(Seen::triedShare).sum() / n);
    }

    /** One victim as measured: the attacker's share of its outbound connections and of its tried table. */
    private record Seen(double share, boolean eclipsed, int outbound, double triedShare) {}

    private static Seen seen(Victim v, Set<NodeAddress> attacker) {
        List<NodeAddress> out = v.outboundPeers();
        long bad = out.stream().filter(attacker::contains).count();
        List<NodeAddress> tried = v.tried();
        long triedBad = tried.stream().filter(attacker::contains).count();
        return new Seen(out.isEmpty() ? 0 : (double) bad / out.size(), !out.isEmpty() && bad == out.size(), out.size(),
                tried.isEmpty() ? 0 : (double) triedBad / tried.size());
    }

    /** A launched attack: its addresses (the Sybils stay up with the runtime, which stops them when it closes). */
    public record Attack(Set<NodeAddress> addresses, List<BitcoinSybil> sybils) {}

    /**
     * Runs the attack on a running network, simulated or loopback (every attacker address then a real TCP listener
     * of its own): boots {@code t} attacker addresses, visits every victim in {@code setup.rounds()} rounds, restarts
     * the victims, holds their inbound slots, and waits until every victim has filled its outbound slots, at most
     * {@code setup.measureMillis()} (checked every sixtieth of it: 10 s in the simulated scenarios).
     */
    public static Attack attack(LocalRuntime rt, List<LocalNode> victims, int t, Setup setup) {
        return attack(local(rt), BitcoinConfig.of(rt.scenario().protocol()), victims.stream().map(v -> local(rt, v)).toList(),
                t, setup);
    }

    /** The attack in any lab: the simulated and loopback runtimes' ({@link #local(LocalRuntime)}) or containers'. */
    static Attack attack(Lab lab, BitcoinConfig config, List<? extends Victim> victims, int t, Setup setup) {
        List<NodeAddress> addresses = lab.addresses(t, setup.groups());
        List<BitcoinSybil> sybils = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            sybils.add(lab.boot(i, addresses.get(i)));
        }
        for (int round = 0; round < setup.rounds(); round++) {
            for (int i = 0; i < sybils.size(); i++) {
                BitcoinSybil y = sybils.get(i);
                List<NodeAddress> trash = lab.trash(i, round, setup.trashPerVisit());
                long at = setup.roundMillis() * i / sybils.size();
                for (Victim v : victims) {
                    // the Sybil's own scheduler: the simulation's one event loop, the Sybil's Netty event loop, or the
                    // attacker containers' scheduler thread
                    NodeAddress to = v.address();
                    y.scheduler().schedule(at, () -> y.visit(to, trash, setup.lingerMillis()));
                }
            }
            lab.advance(setup.roundMillis());
        }
        lab.advance(setup.gapMillis());
        awaitVisits(lab, sybils);
        for (Victim v : victims) {
            v.restart(setup.downMillis(), setup.skipMillis() / 1000);
        }
        lab.advance(setup.downMillis() + 1);
        for (Victim v : victims) {
            for (int i = 0; i < Math.min(sybils.size(), config.maxInbound()); i++) {
                lab.hold(sybils.get((v.index() * 13 + i) % sybils.size()), v.address());
            }
        }
        // measured once every victim has filled its outbound slots (bounded by measureMillis)
        long step = Math.max(1, setup.measureMillis() / 60);
        long until = lab.nowMillis() + setup.measureMillis();
        while (lab.nowMillis() < until && victims.stream().anyMatch(v -> v.outboundPeers().size() < config.outbound())) {
            // on the wall clock the victims' reads above take time of their own (a control call each in containers),
            // so the bound may have passed since the check: advancing by a negative time failed a docker run
            long left = until - lab.nowMillis();
            if (left <= 0) {
                break;
            }
            lab.advance(Math.min(step, left));
        }
        return new Attack(new java.util.LinkedHashSet<>(addresses), sybils);
    }

    /** The longest the victims' restart waits for visits still to land after the gap (wall clock; see below). */
    static final long VISIT_SETTLE_BOUND_MILLIS = 120_000;

    /**
     * Waits until every visit of the rounds has landed (the victim's verack came, or the connection failed or closed), at
     * most {@link #VISIT_SETTLE_BOUND_MILLIS}. The rounds are scheduled on the wall clock on loopback and in containers,
     * and on a loaded machine the visits can run behind their schedule; the model restarts the victim after the attacker
     * has filled its tables. Added after a docker run at load average 45 to 68 whose restarted victim chose 7 of its 8
     * outbound peers among honest nodes (tried table 78% the attacker's when measured, 95% to 98% in the runs that
     * passed); whether late visits caused that run's failure was not established (docs/bitcoin.md, session 16). In the
     * simulation every visit has landed by the end of the gap, so nothing is advanced there and its figures do not move.
     */
    private static void awaitVisits(Lab lab, List<BitcoinSybil> sybils) {
        long start = lab.nowMillis();
        long until = start + VISIT_SETTLE_BOUND_MILLIS;
        int pending = unsettled(sybils);
        while (pending > 0 && lab.nowMillis() < until) {
            lab.advance(Math.min(250, Math.max(1, until - lab.nowMillis())));
            pending = unsettled(sybils);
        }
        long waited = lab.nowMillis() - start;
        if (waited > 0 || pending > 0) {
            System.out.println("[heilman] the victims restart " + waited + " ms after the gap, once the attack's visits landed"
                    + (pending > 0 ? "; " + pending + " visits still unsettled after " + VISIT_SETTLE_BOUND_MILLIS
                    + " ms (restarting anyway)" : ""));
        }
    }

    private static int unsettled(List<BitcoinSybil> sybils) {
        int n = 0;
        for (BitcoinSybil y : sybils) {
            n += y.unsettledVisits();
        }
        return n;
    }

    private static BitcoinView view(LocalNode n) {
        return n.overlay().require(BitcoinView.class, "Heilman et al.'s eclipse");
    }

    /** Runs every defence at every t (a fresh network per point). */
    public static List<Point> curves(Scenario base, List<String> defences, int[] ts, Setup setup,
                                     java.util.function.Consumer<Point> each) {
        List<Point> out = new ArrayList<>();
        for (String d : defences) {
            configuration(d);
        }
        for (String d : defences) {
            for (int t : ts) {
                Point p = run(base, d, t, setup);
                out.add(p);
                each.accept(p);
            }
        }
        return out;
    }

    /**
     * Writes the curves as CSV: {@code curve} (the defence) first, then the number of attacker addresses (x), then the
     * measured values (the report draws one chart per value column against x).
     */
    public static void writeCsv(List<Point> points, Path file) {
        StringBuilder sb = new StringBuilder("curve,attacker_addresses,outbound_share,eclipse_rate,victims,mean_outbound,"
                + "tried_attacker_share\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%d,%.2f,%.4f%n", p.defence(), p.addresses(), p.meanShare(),
                    p.eclipseRate(), p.victims(), p.meanOutbound(), p.meanTriedShare()));
        }
        CountermeasureSets.writeCsv(sb.toString(), file);
    }
}
