package io.p2ptestbed.features.steps.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.kademlia.eclipse.AdversaryShare;
import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.AttackWorld;
import io.p2ptestbed.features.world.kademlia.KademliaAttacks;
import io.p2ptestbed.features.world.DefenceWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.features.world.kademlia.ColluderWorld;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.kademlia.attack.Colluders;
import io.p2ptestbed.harness.kademlia.attack.DisjointSweep;
import io.p2ptestbed.harness.kademlia.attack.EvictionWatch;
import io.p2ptestbed.harness.kademlia.attack.LookupMode;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The S/Kademlia adversary: a fraction of the network's own members turn into colluders (they joined
 * as ordinary nodes and sit in honest routing tables like any member). Covers the success-versus-fraction
 * curve for plain and disjoint-path lookups, and the eviction of misbehaving colluders by reputation.
 */
public class ColluderSteps {

    private final TestbedWorld world;

    public ColluderSteps(TestbedWorld world) {
        this.world = world;
    }

    private Colluders colluders() {
        AttackWorld attacks = AttackWorld.of(world);
        KademliaAttacks kademlia = KademliaAttacks.of(world);
        if (kademlia.colluders == null) {
            List<NodeHandle> spared = new ArrayList<>();
            world.victims().forEach(id -> world.runtime().nodes().stream().filter(n -> n.id().equals(id)).forEach(spared::add));
            kademlia.colluders = attacks.closeLater(new Colluders(world.runtime(), attacks.lab(), world.rng("colluders"), spared));
        }
        return kademlia.colluders;
    }

    @When("{int}% of the nodes turn into colluders that {behaviour}")
    public void turn(int percent, Behaviour b) {
        Steps.share("the share of nodes that turn into colluders", percent);
        Colluders c = colluders();
        c.turnUpTo(percent / 100.0, b);
        AttackWorld.of(world).showAttackers(c.contacts());
        AdversaryShare s = c.shareIn(world.runtime().liveNodes());
        ColluderWorld.of(world).atTurn = s;
        ColluderWorld.of(world).entriesAtTurn = c.entriesIn(world.runtime().liveNodes());
        world.record("colluders", c.size());
        world.record("colluder_fraction", c.fraction());
        world.record("colluder_table_share_at_turn", s.fraction());
        world.snapshot(percent + "% of the nodes turned into colluders (" + s + " of honest table entries)");
    }

    /** The first, turned-Sybil sweep (colluders replaced by scripted peers); table: {@link #lookupModes}. */
    @When("lookup success is measured at {string}% colluders that {behaviour}, with {int} lookups per point, for these lookups:")
    public void sweep(String percents, Behaviour b, int lookups, DataTable table) {
        Steps.count("lookups per point", lookups, 1, 10_000_000);
        List<Double> fractions = fractions(percents);
        List<LookupMode> modes = lookupModes(table);
        ColluderWorld cw = ColluderWorld.of(world);
        long start = world.runtime().nowMillis();
        List<DisjointSweep.Point> points = DisjointSweep.run(world.runtime(), colluders(), fractions, modes, b, lookups,
                world.rng("sweep"), p -> world.record(String.format(Locale.ROOT, "success.%s_d%d.f%02.0f", p.defence(), p.d(),
                        100 * p.adversaryFraction()), p.lookupSuccess()));
        cw.curve.addAll(points);
        AttackWorld.of(world).showAttackers(colluders().contacts());
        world.record("colluders", colluders().size());
        world.interval("colluders up to " + percents + "%", start, world.runtime().nowMillis());
    }

    /**
     * Table columns: {@code lookup} (plain or disjoint), {@code d} (paths; 1 for plain), {@code alpha}
     * (queries in flight, per path for disjoint lookups).
     */
    static List<LookupMode> lookupModes(DataTable table) {
        List<LookupMode> modes = new ArrayList<>();
        for (Map<String, String> row : table.asMaps()) {
            int d = Integer.parseInt(row.getOrDefault("d", "1").trim());
            int alpha = Integer.parseInt(row.getOrDefault("alpha", "1").trim());
            String kind = row.get("lookup").trim().toLowerCase(Locale.ROOT);
            modes.add(switch (kind) {
                case "plain" -> {
                    if (d != 1) {
                        throw new IllegalArgumentException("a plain lookup has one path (d = 1), got d = " + d);
                    }
                    yield new LookupMode.Plain(alpha);
                }
                case "disjoint" -> new LookupMode.Disjoint(d, alpha);
                default -> throw new IllegalArgumentException("lookup must be plain or disjoint, got " + kind);
            });
        }
        return modes;
    }

    /** "0,10,20" (percent) as fractions. */
    static List<Double> fractions(String percents) {
        return Arrays.stream(percents.split(",")).map(String::trim).map(ColluderSteps::colluderPercent).map(p -> p / 100).toList();
    }

    @When("the curve is written to {string}")
    public void writeCurve(String relative) {
        List<DisjointSweep.Point> curve = curve();
        Path file = RunCollector.reportDir().resolve(relative);
        DisjointSweep.writeCsv(curve, file);
        world.dataFile(relative);
    }

    @Then("plain lookup success falls as the colluder fraction grows, allowing {double} points of sampling noise")
    public void plainFalls(double noise) {
        List<DisjointSweep.Point> plain = curve().stream().filter(p -> p.defence().equals("plain")).toList();
        assertThat(plain).as("plain points of the curve").hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < plain.size(); i++) {
            assertThat(100 * plain.get(i).lookupSuccess()).as("plain success at %.0f%% colluders vs %.0f%%: %s",
                    100 * plain.get(i).adversaryFraction(), 100 * plain.get(i - 1).adversaryFraction(), describe(plain))
                    .isLessThanOrEqualTo(100 * plain.get(i - 1).lookupSuccess() + noise);
        }
        DisjointSweep.Point first = plain.get(0);
        DisjointSweep.Point last = plain.get(plain.size() - 1);
        assertThat(100 * last.lookupSuccess()).as("plain success at the largest fraction is clearly below the smallest: %s",
                describe(plain)).isLessThan(100 * first.lookupSuccess() - noise);
    }

    /** One entry of a comma-separated list of colluder percentages, e.g. "0,10,20". */
    public static double colluderPercent(String p) {
        double v;
        try {
            v = Double.parseDouble(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("colluder percentages must be numbers separated by commas, e.g. \"0,10,20\"; got '"
                    + p + "'");
        }
        if (!(v >= 0 && v < 100)) {
            throw new IllegalArgumentException("a colluder percentage must be in [0, 100), got " + p + "%");
        }
        return v;
    }

    @Then("with {int}% colluders, disjoint lookups with d of at least {int} succeed at least {double}% of the time")
    public void disjointAt(int percent, int minD, double min) {
        Steps.percent("the colluder share", percent);
        Steps.percent("the disjoint lookup success floor", min);
        List<DisjointSweep.Point> at = curve().stream().filter(p -> p.defence().equals("disjoint") && p.d() >= minD
                && Math.abs(100 * p.adversaryFraction() - percent) < 0.5).toList();
        assertThat(at).as("disjoint points with d >= %d at %d%% colluders", minD, percent).isNotEmpty();
        for (DisjointSweep.Point p : at) {
            assertThat(100 * p.lookupSuccess()).as("d = %d at %d%% colluders: %s", p.d(), percent, p.tally()).isGreaterThanOrEqualTo(min);
        }
    }

    /**
     * At every fraction: success never drops by more than {@code noise} points from fewer to more paths,
     * and the most paths beat one path wherever one path falls short of 100%.
     */
    @Then("at every colluder fraction, disjoint lookup success rises with d, allowing {double} points of sampling noise")
    public void risesWithD(double noise) {
        Map<Double, List<DisjointSweep.Point>> byFraction = new TreeMap<>();
        curve().stream().filter(p -> p.defence().equals("disjoint"))
                .forEach(p -> byFraction.computeIfAbsent(p.adversaryFraction(), f -> new ArrayList<>()).add(p));
        assertThat(byFraction).as("disjoint points").isNotEmpty();
        boolean sawGain = false;
        for (List<DisjointSweep.Point> ps : byFraction.values()) {
            List<DisjointSweep.Point> sorted = ps.stream().sorted((a, b) -> Integer.compare(a.d(), b.d())).toList();
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(100 * sorted.get(i).lookupSuccess()).as("d = %d vs d = %d: %s", sorted.get(i).d(),
                        sorted.get(i - 1).d(), describe(sorted)).isGreaterThanOrEqualTo(100 * sorted.get(i - 1).lookupSuccess() - noise);
            }
            DisjointSweep.Point one = sorted.get(0);
            DisjointSweep.Point most = sorted.get(sorted.size() - 1);
            if (one.lookupSuccess() < 1.0) {
                assertThat(most.lookupSuccess()).as("d = %d beats d = %d: %s", most.d(), one.d(), describe(sorted))
                        .isGreaterThan(one.lookupSuccess());
                sawGain = true;
            }
        }
        assertThat(sawGain).as("the curve has a fraction where one path falls short, so that more paths can show a gain").isTrue();
    }

    @When("honest nodes run {int} lookups per minute for {int} minutes")
    public void watchEviction(int perMinute, int minutes) {
        Steps.count("lookups per minute", perMinute, 1, 1_000_000);
        Steps.count("minutes of lookups", minutes, 1, 24 * 60);
        Colluders c = colluders();
        ColluderWorld cw = ColluderWorld.of(world);
        long start = world.runtime().nowMillis();
        atTurn(cw);
        List<EvictionWatch.Round> rounds = EvictionWatch.run(world.runtime(), c, cw.entriesAtTurn,
                new LookupMode.NodeDefault(KademliaScenarios.config(world.scenario()).alpha()), minutes + 1, perMinute, 60_000,
                world.rng("eviction-rounds"), r -> {
                    long m = r.atMillis() / 60_000;
                    world.record("honest_lookup_success_at_" + m + "min", r.lookups().successRate());
                    world.record("colluder_table_share_at_" + m + "min", r.tables().fraction());
                    world.record("colluder_entries_evicted_at_" + m + "min", r.evictedFromTurn());
                    if (m == 0 || m == minutes / 2) {
                        world.snapshot(String.format("%d min: %.1f%% of lookups succeed, colluders hold %s of honest entries",
                                m, 100 * r.lookups().successRate(), r.tables()));
                    }
                });
        cw.rounds.clear();
        cw.rounds.addAll(rounds);
        AttackWorld.of(world).lastTally = rounds.get(rounds.size() - 1).lookups();
        world.interval("colluders " + DefenceWorld.of(world).label(), start, world.runtime().nowMillis());
        world.snapshot("after " + minutes + " minutes");
    }

    /** Eviction is followed per entry: colluders inserted after the turn do not mask the ones evicted. */
    @Then("within {int} minutes at least {int}% of the colluder entries that honest tables held when the colluders turned are evicted")
    public void evictedWithin(int minutes, int percent) {
        Steps.percent("the share of colluder entries evicted", percent);
        ColluderWorld cw = ColluderWorld.of(world);
        atTurn(cw);
        long evictedAt = -1;
        for (EvictionWatch.Round r : cw.rounds) {
            if (100 * r.evictedFromTurn() >= percent) {
                evictedAt = r.atMillis();
                break;
            }
        }
        world.record("colluder_eviction_time_ms", evictedAt);
        assertThat(evictedAt).as("virtual time until %d%% of the %d colluder entries present at the turn were evicted; rounds: %s",
                percent, cw.entriesAtTurn.size(), describeRounds(cw.rounds)).isBetween(0L, minutes * 60_000L);
    }

    @Then("the colluders keep at least {int}% of the entries honest tables held when they turned")
    public void stillHeld(int percent) {
        Steps.percent("the share of colluder entries kept", percent);
        ColluderWorld cw = ColluderWorld.of(world);
        atTurn(cw);
        EvictionWatch.Round last = lastRound(cw);
        world.record("colluder_entries_kept", 1 - last.evictedFromTurn());
        assertThat(100 * (1 - last.evictedFromTurn())).as("colluder entries still in honest tables of the %d at the turn; rounds: %s",
                cw.entriesAtTurn.size(), describeRounds(cw.rounds)).isGreaterThanOrEqualTo(percent);
    }

    @Then("within {int} minutes a round of lookups finds the closest honest node at least {double}% of the time")
    public void recoversWithin(int minutes, double percent) {
        Steps.percent("the lookup success floor", percent);
        ColluderWorld cw = ColluderWorld.of(world);
        firstRound(cw);
        long at = -1;
        for (EvictionWatch.Round r : cw.rounds) {
            if (100 * r.lookups().successRate() >= percent) {
                at = r.atMillis();
                break;
            }
        }
        world.record("lookup_recovery_time_ms", at);
        assertThat(at).as("virtual time until a round reached %.1f%% success; rounds: %s", percent, describeRounds(cw.rounds))
                .isBetween(0L, minutes * 60_000L);
    }

    @Then("in the first round fewer than {double}% of the lookups find the closest honest node")
    public void firstRoundBelow(double percent) {
        EvictionWatch.Round first = firstRound(ColluderWorld.of(world));
        assertThat(100 * first.lookups().successRate()).as("first round: %s", first.lookups()).isLessThan(percent);
    }

    @Then("in the last round at least {double}% of the lookups find the closest honest node")
    public void lastRoundAtLeast(double percent) {
        EvictionWatch.Round last = lastRound(ColluderWorld.of(world));
        assertThat(100 * last.lookups().successRate()).as("last round: %s", last.lookups()).isGreaterThanOrEqualTo(percent);
    }

    @Then("in the last round fewer than {double}% of the lookups find the closest honest node")
    public void lastRoundBelow(double percent) {
        EvictionWatch.Round last = lastRound(ColluderWorld.of(world));
        assertThat(100 * last.lookups().successRate()).as("last round: %s", last.lookups()).isLessThan(percent);
    }

    private static AdversaryShare atTurn(ColluderWorld cw) {
        if (cw.atTurn == null) {
            throw new IllegalStateException("no colluders have turned: use 'N% of the nodes turn into colluders that ...' first");
        }
        return cw.atTurn;
    }

    private static EvictionWatch.Round firstRound(ColluderWorld cw) {
        if (cw.rounds.isEmpty()) {
            throw new IllegalStateException("no rounds ran: use 'honest nodes run N lookups per minute for M minutes' first");
        }
        return cw.rounds.get(0);
    }

    private static EvictionWatch.Round lastRound(ColluderWorld cw) {
        firstRound(cw);
        return cw.rounds.get(cw.rounds.size() - 1);
    }

    private List<DisjointSweep.Point> curve() {
        List<DisjointSweep.Point> c = ColluderWorld.of(world).curve;
        if (c.isEmpty()) {
            throw new IllegalStateException("no curve measured: use 'lookup success is measured at ...' first");
        }
        return c;
    }

    private static String describe(List<DisjointSweep.Point> ps) {
        StringBuilder sb = new StringBuilder();
        for (DisjointSweep.Point p : ps) {
            sb.append(String.format(Locale.ROOT, "[%s d=%d %.0f%%: %.2f%%] ", p.defence(), p.d(), 100 * p.adversaryFraction(),
                    100 * p.lookupSuccess()));
        }
        return sb.toString().trim();
    }

    private static String describeRounds(List<EvictionWatch.Round> rs) {
        StringBuilder sb = new StringBuilder();
        for (EvictionWatch.Round r : rs) {
            sb.append(String.format(Locale.ROOT, "[%d min: success %.1f%%, colluder entries %s, %.1f%% of those at the turn evicted] ",
                    r.atMillis() / 60_000, 100 * r.lookups().successRate(), r.tables(), 100 * r.evictedFromTurn()));
        }
        return sb.toString().trim();
    }
}
