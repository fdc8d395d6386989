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
                           Integer alpha, long[] latencyMillis, Double lossRate, Workload workload, Long durationSeconds) {

    /** What the network does while the scenario runs. */
    public record Workload(Integer lookups, Integer announces, Double churnFraction, Long churnAtSeconds,
                           Long lookupEverySeconds) {}

    /** A validated scenario plus its workload and duration. */
    public record Loaded(Scenario scenario, int lookups, int announces, double churnFraction, long churnAtMillis,
                         long lookupEveryMillis, long durationMillis) {}

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
            throw new ScenarioException(e.getPropertyName(), "is not a scenario field (in " + origin + "); known fields: "
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
        return new Loaded(s, lookups, announces, churn, churnAt * 1000, every * 1000, duration * 1000);
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
