package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Which defences a node runs, as data, plus the means to install them. Parse once per network and
 * install on every node: the set carries the network's {@link PuzzleRegistry}.
 *
 * <p>Spec syntax ({@link #parse}): a comma-separated list of names, each optionally followed by
 * {@code (key=value,...)}; see each config record for its keys and defaults:
 * <pre>
 *   none
 *   plain | kademlia-rules | eviction(ping=true,keep-old=false)        Kademlia's eviction rules
 *   rate-limit(ip=10/s,ip-burst=40,id=10/s,id-burst=40,global=500/s,global-burst=1000,action=drop|reject,max-tracked=65536)
 *   ip-diversity(bucket=2,table=10,prefix=24)
 *   bep42(exempt-local=false,lookups=false)
 *   puzzle(c1=8,c2=4,lookups=true)
 *   reputation(threshold=-10,ban=30m,half-life=10m,max-score=5,reward=0.5,timeout=1,error=1,malformed=2,
 *              bogus-contact=2,misroute=4,dead-referral=1,fake-referral=3)
 *   disjoint(d=3,alpha=1)
 *   siblings(s=16)
 *   s-kademlia(c1=8,c2=4,d=3,alpha=1,s=16)                            = puzzle + disjoint + siblings
 * </pre>
 * Example: {@code DefenceSet.parse("kademlia-rules,rate-limit(ip=5/s),ip-diversity")}. Each defence may
 * appear once. The set is kept in a fixed order (eviction, siblings, rate-limit, ip-diversity, bep42,
 * puzzle, reputation, disjoint), and {@link #toString} prints the canonical spec, which parses back to
 * an equal list of specs.
 */
public record DefenceSet(List<DefenceSpec> specs, PuzzleRegistry puzzles) {

    private static final List<Class<? extends DefenceSpec>> ORDER = List.of(EvictionRules.class, SiblingsConfig.class,
            RateLimitConfig.class, IpDiversityConfig.class, Bep42Config.class, PuzzleConfig.class,
            ReputationConfig.class, DisjointPathsConfig.class);

    public DefenceSet {
        Set<String> names = new HashSet<>();
        for (DefenceSpec s : specs) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("defence '" + s.name() + "' given twice"
                        + (s instanceof EvictionRules ? " (plain, kademlia-rules and eviction are the same switch)" : ""));
            }
        }
        List<DefenceSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparingInt(s -> ORDER.indexOf(s.getClass())));
        specs = List.copyOf(sorted);
        if (puzzles == null) {
            throw new IllegalArgumentException("a defence set needs a puzzle registry (new PuzzleRegistry())");
        }
    }

    public static DefenceSet none() {
        return new DefenceSet(List.of(), new PuzzleRegistry());
    }

    public static DefenceSet of(DefenceSpec... specs) {
        return new DefenceSet(List.of(specs), new PuzzleRegistry());
    }

    /** Parses a spec string (syntax above) with a fresh puzzle registry. */
    public static DefenceSet parse(String spec) {
        return parse(spec, new PuzzleRegistry());
    }

    /** Parses a spec string; nodes will look puzzle proofs up in {@code registry}. */
    public static DefenceSet parse(String spec, PuzzleRegistry registry) {
        return new DefenceSet(DefenceSpecParser.parse(spec), registry);
    }

    public DefenceSet with(DefenceSpec spec) {
        List<DefenceSpec> l = new ArrayList<>(specs);
        l.removeIf(s -> s.name().equals(spec.name()));
        l.add(spec);
        return new DefenceSet(l, puzzles);
    }

    public DefenceSet without(String name) {
        return new DefenceSet(specs.stream().filter(s -> !s.name().equals(name)).toList(), puzzles);
    }

    public boolean isEmpty() {
        return specs.isEmpty();
    }

    /** Whether the set has the named defence ({@code "rate-limit"}, {@code "eviction"}...). */
    public boolean has(String name) {
        return specs.stream().anyMatch(s -> s.name().equals(name));
    }

    public <T extends DefenceSpec> Optional<T> get(Class<T> type) {
        return specs.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Creates fresh defence instances for {@code node}, installs them, and merges their counters into its stats. */
    public InstalledDefences install(KademliaNode node) {
        InstalledDefences installed = new InstalledDefences(node, specs.stream().map(this::create).toList());
        installed.install();
        return installed;
    }

    /** Fresh, not yet installed defence instances, one per spec. */
    public List<Defence> create() {
        return specs.stream().map(this::create).toList();
    }

    private Defence create(DefenceSpec spec) {
        if (spec instanceof RateLimitConfig c) {
            return new RateLimiter(c);
        } else if (spec instanceof ReputationConfig c) {
            return new Reputation(c);
        } else if (spec instanceof IpDiversityConfig c) {
            return new IpDiversityPolicy(c);
        } else if (spec instanceof Bep42Config c) {
            return new Bep42Policy(c);
        } else if (spec instanceof PuzzleConfig c) {
            return new PuzzlePolicy(c, puzzles);
        } else if (spec instanceof DisjointPathsConfig c) {
            return new DisjointPaths(c);
        } else if (spec instanceof SiblingsConfig c) {
            return new Siblings(c);
        } else if (spec instanceof EvictionRules r) {
            return new EvictionRulesSwitch(r);
        }
        throw new IllegalStateException("no defence for " + spec);
    }

    /** The node parameters with this set's eviction rules applied (unchanged when the set has none). */
    public NodeConfig applyTo(NodeConfig config) {
        return get(EvictionRules.class).map(r -> config.withEvictionRules(r.pingBeforeEvict(), r.preferOldContacts()))
                .orElse(config);
    }

    /**
     * A node id that this set's id rules accept for a node at {@code address}: BEP 42-bound when the set
     * has {@code bep42}, a solved puzzle (its proof registered in {@link #puzzles()}) when it has
     * {@code puzzle}, otherwise random. Randomness only from {@code rng}.
     *
     * @throws IllegalStateException when the set has both bep42 and puzzle: an id cannot in practice be
     *                               both SHA-1 of a key and bound to an IP
     */
    public NodeId newIdentity(NodeAddress address, RandomGenerator rng) {
        Optional<PuzzleConfig> puzzle = get(PuzzleConfig.class);
        boolean bep42 = has(Bep42Config.NAME);
        if (puzzle.isPresent() && bep42) {
            throw new IllegalStateException("bep42 and puzzle ids are mutually exclusive (an id cannot be both H(key) and IP-bound)");
        }
        if (puzzle.isPresent()) {
            PuzzleSolution s = CryptoPuzzle.generate(puzzle.get().c1(), puzzle.get().c2(), rng);
            puzzles.register(s);
            return s.id();
        }
        return bep42 ? Bep42.idFor(address, rng) : NodeId.random(rng);
    }

    /** The canonical spec string; {@code "none"} for the empty set. */
    @Override
    public String toString() {
        return specs.isEmpty() ? "none" : specs.stream().map(DefenceSpec::toSpec).collect(Collectors.joining(","));
    }
}
