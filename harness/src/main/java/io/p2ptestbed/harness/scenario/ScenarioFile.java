package io.p2ptestbed.harness.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A scenario as a JSON file: network, protocol parameters, seed, link conditions, workload and
 * duration. Unknown fields and out-of-range values are rejected with a message naming the field.
 *
 * <pre>{@code
 * { "name": "churn-1000", "runtime": "simulated", "seed": 42, "nodes": 1000, "bootstrapNodes": 3,
 *   "protocol": "kademlia", "params": { "k": "8" }, "alpha": 3, "latencyMillis": [10, 100], "lossRate": 0.0,
 *   "workload": { "lookups": 1000, "announces": 50, "churnFraction": 0.2, "churnAtSeconds": 60,
 *                 "lookupEverySeconds": 30 },
 *   "durationSeconds": 600 }
 * }</pre>
 *
 * <p>{@code protocol} names the overlay (default {@code kademlia}); {@code params} sets its parameters by
 * name (see {@code testbed protocols}). {@code k} and {@code alpha} are short forms of Kademlia's.
 */
public record ScenarioFile(String name, String runtime, Long seed, Integer nodes, Integer bootstrapNodes, String protocol,
                           java.util.Map<String, String> params, Integer k,
                           Integer alpha, long[] latencyMillis, Double lossRate, Workload workload, Long durationSeconds,
                           java.util.List<Attack> attacks, java.util.List<Fault> faults) {

    /** What the network does while the scenario runs. */
    public record Workload(Integer lookups, Integer announces, Double churnFraction, Long churnAtSeconds,
                           Long lookupEverySeconds) {}

    /**
     * One attack of the {@code attacks} list, as written: {@code {"type": "eclipse", "victim": 7, "sybils": 48,
     * "atSeconds": 5, "durationSeconds": 20, "defences": "eviction(ping=false,keep-old=false)"}} (Sybils sharing one
     * attacker IP fill the victim's routing table; {@code defences} are installed on the victim first) or
     * {@code {"type": "flood", "target": 3, "ratePerSecond": 200, "count": 2000, "durationSeconds": 10}} (pings from
     * one attacker IP; rate, count and duration all required).
     */
    public record Attack(String type, Integer victim, Integer target, Integer sybils, Integer ratePerSecond, Long count,
                         Long atSeconds, Long durationSeconds, String defences) {}

    /**
     * One fault of the {@code faults} list, as data: {@code {"type": "partition", "fraction": 0.5, "atSeconds": 10,
     * "healAtSeconds": 20}} cuts {@code fraction} of the nodes (drawn from the scenario seed) off the others, both
     * ways, until it heals.
     */
    public record Fault(String type, Double fraction, Long atSeconds, Long healAtSeconds) {}

    /** Attack kinds a scenario file may name. */
    public static final java.util.List<String> ATTACKS = java.util.List.of("eclipse", "flood");
    /** Fault kinds a scenario file may name. */
    public static final java.util.List<String> FAULTS = java.util.List.of("partition");
    /** A flood's upper bounds (the adversary's {@code FloodBounds} checks them again when the flood is built). */
    public static final int MAX_FLOOD_RATE = 100_000;
    public static final long MAX_FLOOD_COUNT = 10_000_000;
    public static final long MAX_FLOOD_SECONDS = 600;

    /** Sybils of all the eclipses of one scenario together (they share the attacker's ports, one each). */
    public static final int MAX_SYBILS = 10_000;

    /**
     * A validated attack: {@code node} is the eclipse's victim or the flood's target; {@code sybils} is 0 for a flood,
     * {@code ratePerSecond} and {@code count} 0 for an eclipse; {@code defences} is "" when none; {@code firstSybil} is
     * the number of Sybils of the eclipses before this one (so that concurrent eclipses use distinct ports).
     */
    public record AttackSpec(String type, int node, int sybils, int ratePerSecond, long count, long atMillis,
                             long durationMillis, String defences, int firstSybil) {
        public long endMillis() {
            return atMillis + durationMillis;
        }
    }

    /** A validated fault. */
    public record FaultSpec(String type, double fraction, long atMillis, long healAtMillis) {}

    /** A validated scenario plus its workload, duration, attacks and faults. */
    public record Loaded(Scenario scenario, int lookups, int announces, double churnFraction, long churnAtMillis,
                         long lookupEveryMillis, long durationMillis, java.util.List<AttackSpec> attacks,
                         java.util.List<FaultSpec> faults) {

        public Loaded(Scenario scenario, int lookups, int announces, double churnFraction, long churnAtMillis,
                      long lookupEveryMillis, long durationMillis) {
            this(scenario, lookups, announces, churnFraction, churnAtMillis, lookupEveryMillis, durationMillis,
                    java.util.List.of(), java.util.List.of());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static Loaded read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException("file", "cannot be read: " + file + " (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    public static Loaded parse(String json, String origin) {
        ScenarioFile f;
        try {
            f = JSON.readValue(json, ScenarioFile.class);
        } catch (UnrecognizedPropertyException e) {
            StringBuilder path = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
                path.append(r.getFieldName() != null ? (path.length() == 0 ? "" : ".") + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            throw new ScenarioException(path.length() == 0 ? e.getPropertyName() : path.toString(), "is not a scenario field (in " + origin + "); known fields: "
                    + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new ScenarioException("file", "is not valid scenario JSON (" + origin + "): " + e.getOriginalMessage()
                    + " at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        }
        return f.toLoaded();
    }

    private Loaded toLoaded() {
        Scenario d = Scenario.defaults(name == null ? "scenario" : name, nodes == null ? 100 : nodes);
        // the top-level "k" and "alpha" are Kademlia's parameters, applied as protocol parameters
        java.util.Map<String, String> kademlia = new java.util.LinkedHashMap<>();
        if (k != null) {
            kademlia.put("k", String.valueOf(k));
        }
        if (alpha != null) {
            kademlia.put("alpha", String.valueOf(alpha));
        }
        if (latencyMillis != null && latencyMillis.length != 2) {
            throw new ScenarioException("latencyMillis", "must be [min, max]");
        }
        Scenario s;
        if (protocol != null && !protocol.equalsIgnoreCase(Scenario.DEFAULT_PROTOCOL) && (k != null || alpha != null)) {
            throw new ScenarioException(k != null ? "k" : "alpha", "is a Kademlia parameter; the scenario runs the "
                    + protocol + " overlay (set its parameters under \"params\")");
        }
        try {
            s = new Scenario(d.name(), runtime == null ? RuntimeKind.SIMULATED : RuntimeKind.parse(runtime),
                    seed == null ? d.seed() : seed, d.nodes(), bootstrapNodes == null ? d.bootstrapNodes() : bootstrapNodes,
                    d.protocol(), latencyMillis == null ? d.minLatencyMillis() : latencyMillis[0],
                    latencyMillis == null ? d.maxLatencyMillis() : latencyMillis[1],
                    lossRate == null ? d.lossRate() : lossRate, d.joinSpacingMillis());
        } catch (ScenarioException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("k/alpha", e.getMessage());
        }
        if (protocol != null) {
            s = s.withProtocol(protocol);
        }
        if (!kademlia.isEmpty()) {
            s = s.withParams(kademlia);
        }
        if (params != null && !params.isEmpty()) {
            s = s.withParams(params);
        }
        Workload w = workload == null ? new Workload(null, null, null, null, null) : workload;
        int lookups = range("workload.lookups", w.lookups(), 100, 0, 1_000_000);
        int announces = range("workload.announces", w.announces(), 0, 0, 100_000);
        double churn = w.churnFraction() == null ? 0 : w.churnFraction();
        if (churn < 0 || churn >= 1) {
            throw new ScenarioException("workload.churnFraction", "must be in [0, 1), got " + churn);
        }
        long duration = range("durationSeconds", durationSeconds, 60, 1, 86_400);
        long churnAt = range("workload.churnAtSeconds", w.churnAtSeconds(), 0, 0, duration);
        long every = range("workload.lookupEverySeconds", w.lookupEverySeconds(), Math.max(1, duration / 10), 1, duration);
        java.util.List<AttackSpec> as = new java.util.ArrayList<>();
        int sybils = 0;
        for (int i = 0; attacks != null && i < attacks.size(); i++) {
            AttackSpec a = attack("attacks[" + i + "]", attacks.get(i), s, duration, sybils);
            sybils += a.sybils();
            if (sybils > MAX_SYBILS) {
                throw new ScenarioException("attacks[" + i + "].sybils", "brings the scenario's Sybils to " + sybils + ", more than "
                        + MAX_SYBILS + " in all (each takes a port of the attacker's IP)");
            }
            as.add(a);
        }
        java.util.List<FaultSpec> fs = new java.util.ArrayList<>();
        for (int i = 0; faults != null && i < faults.size(); i++) {
            fs.add(fault("faults[" + i + "]", faults.get(i), duration));
        }
        return new Loaded(s, lookups, announces, churn, churnAt * 1000, every * 1000, duration * 1000, java.util.List.copyOf(as),
                java.util.List.copyOf(fs));
    }

    private static AttackSpec attack(String at, Attack a, Scenario s, long duration, int firstSybil) {
        if (a == null) {
            throw new ScenarioException(at, "is empty; give an attack object with a \"type\" (" + ATTACKS + ")");
        }
        if (a.type() == null || !ATTACKS.contains(a.type())) {
            throw new ScenarioException(at + ".type", (a.type() == null ? "is missing" : "names an unknown attack '" + a.type() + "'")
                    + "; known attacks: " + ATTACKS);
        }
        boolean eclipse = a.type().equals("eclipse");
        String nodeField = eclipse ? "victim" : "target";
        Integer node = eclipse ? a.victim() : a.target();
        Integer other = eclipse ? a.target() : a.victim();
        if (other != null) {
            throw new ScenarioException(at + "." + (eclipse ? "target" : "victim"), "is not a field of a" + (eclipse ? "n eclipse" : " flood")
                    + " attack; it names its node with \"" + nodeField + "\"");
        }
        long start = range(at + ".atSeconds", a.atSeconds(), 0, 0, duration);
        long length = required(at + ".durationSeconds", a.durationSeconds(), eclipse ? duration : MAX_FLOOD_SECONDS, "every attack is bounded in time");
        if (start + length > duration) {
            throw new ScenarioException(at + ".durationSeconds", "runs past the scenario's end: atSeconds " + start + " + durationSeconds "
                    + length + " > durationSeconds " + duration);
        }
        int n = (int) required(at + "." + nodeField, node == null ? null : node.longValue(), s.nodes() - 1L, "it names the node by index");
        if (eclipse) {
            if (a.ratePerSecond() != null || a.count() != null) {
                throw new ScenarioException(at + "." + (a.ratePerSecond() != null ? "ratePerSecond" : "count"),
                        "is a flood bound, not a field of an eclipse");
            }
            int sybils = (int) required(at + ".sybils", a.sybils() == null ? null : a.sybils().longValue(), MAX_SYBILS, "the Sybil count");
            String defences = a.defences() == null ? "" : a.defences().trim();
            if (!defences.isEmpty()) {
                try {
                    io.p2ptestbed.overlay.guard.Defences.parse(s.protocolName(), defences);
                } catch (RuntimeException e) {
                    throw new ScenarioException(at + ".defences", "is not a defence spec of the " + s.protocolName() + " overlay: "
                            + e.getMessage());
                }
            }
            return new AttackSpec(a.type(), n, sybils, 0, 0, start * 1000, length * 1000, defences, firstSybil);
        }
        if (a.sybils() != null || a.defences() != null) {
            throw new ScenarioException(at + "." + (a.sybils() != null ? "sybils" : "defences"), "is not a field of a flood attack");
        }
        String bounded = "every flood is bounded in rate, count and duration";
        int rate = (int) required(at + ".ratePerSecond", a.ratePerSecond() == null ? null : a.ratePerSecond().longValue(), MAX_FLOOD_RATE, bounded);
        long count = required(at + ".count", a.count(), MAX_FLOOD_COUNT, bounded);
        return new AttackSpec(a.type(), n, 0, rate, count, start * 1000, length * 1000, "", firstSybil);
    }

    private static FaultSpec fault(String at, Fault f, long duration) {
        if (f == null) {
            throw new ScenarioException(at, "is empty; give a fault object with a \"type\" (" + FAULTS + ")");
        }
        if (f.type() == null || !FAULTS.contains(f.type())) {
            throw new ScenarioException(at + ".type", (f.type() == null ? "is missing" : "names an unknown fault '" + f.type() + "'")
                    + "; known faults: " + FAULTS);
        }
        if (f.fraction() == null || !(f.fraction() > 0 && f.fraction() < 1)) {
            throw new ScenarioException(at + ".fraction", (f.fraction() == null ? "is missing" : "must be in (0, 1), got " + f.fraction())
                    + " (the share of nodes cut off from the others)");
        }
        long start = range(at + ".atSeconds", f.atSeconds(), 0, 0, duration);
        if (f.healAtSeconds() == null) {
            throw new ScenarioException(at + ".healAtSeconds", "is missing: every partition heals within the scenario");
        }
        long heal = range(at + ".healAtSeconds", f.healAtSeconds(), 0, start + 1, duration);
        return new FaultSpec(f.type(), f.fraction(), start * 1000, heal * 1000);
    }

    /** A value that must be present, in [1, max]. */
    private static long required(String field, Long v, long max, String why) {
        if (v == null) {
            throw new ScenarioException(field, "is missing (" + why + ")");
        }
        return range(field, v, 0, field.endsWith("victim") || field.endsWith("target") ? 0 : 1, max);
    }

    private static int range(String field, Integer v, int dflt, int min, int max) {
        return (int) range(field, v == null ? null : v.longValue(), dflt, min, max);
    }

    private static long range(String field, Long v, long dflt, long min, long max) {
        long x = v == null ? dflt : v;
        if (x < min || x > max) {
            throw new ScenarioException(field, "must be in [" + min + ", " + max + "], got " + x);
        }
        return x;
    }
}
