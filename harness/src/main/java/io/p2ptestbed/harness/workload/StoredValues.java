package io.p2ptestbed.harness.workload;

import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.ValueStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Values stored under random keys through any overlay's value store, remembered with the node that owned
 * each key when it was stored, so that a later fetch can tell a value lost with its owner from a value
 * that routing failed to find.
 */
public final class StoredValues {

    private final Map<NodeId, byte[]> values = new LinkedHashMap<>();
    private final Map<NodeId, NodeId> ownerAtStore = new LinkedHashMap<>();
    private int stored;

    /** Stores {@code count} values from random live nodes; waits for every put. */
    public static StoredValues store(NetworkRuntime rt, int count, RandomGenerator rng) {
        StoredValues sv = new StoredValues();
        List<NodeHandle> live = rt.liveNodes();
        GroundTruth truth = rt.truth();
        List<CompletableFuture<ValueStore.PutResult>> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NodeId key = NodeId.random(rng);
            byte[] value = ("value-" + i).getBytes(StandardCharsets.UTF_8);
            sv.values.put(key, value);
            sv.ownerAtStore.put(key, truth.owner(key));
            puts.add(rt.putAsync(live.get(rng.nextInt(live.size())), key, value));
        }
        for (CompletableFuture<ValueStore.PutResult> f : puts) {
            ValueStore.PutResult r = rt.await(f, 120_000);
            if (r != null && r.stored()) {
                sv.stored++;
            }
        }
        return sv;
    }

    public int count() {
        return values.size();
    }

    public int stored() {
        return stored;
    }

    /** What a fetch of every value found. */
    public record Fetch(int values, int found, int ownerFailed, int foundOfSurvivors, int survivors) {
        public double foundShare() {
            return values == 0 ? 0 : (double) found / values;
        }

        /** The share of values whose owner at store time has failed since. */
        public double ownerFailedShare() {
            return values == 0 ? 0 : (double) ownerFailed / values;
        }

        public double survivorsFoundShare() {
            return survivors == 0 ? 1 : (double) foundOfSurvivors / survivors;
        }
    }

    /** Fetches every value from random live nodes; a value counts as found only with the right bytes. */
    public Fetch fetch(NetworkRuntime rt, RandomGenerator rng) {
        List<NodeHandle> live = rt.liveNodes();
        java.util.Set<NodeId> liveIds = new java.util.HashSet<>();
        live.forEach(n -> liveIds.add(n.id()));
        List<NodeId> keys = new ArrayList<>(values.keySet());
        List<CompletableFuture<ValueStore.GetResult>> gets = new ArrayList<>();
        for (NodeId k : keys) {
            gets.add(rt.getAsync(live.get(rng.nextInt(live.size())), k));
        }
        int found = 0;
        int failedOwner = 0;
        int survivors = 0;
        int foundOfSurvivors = 0;
        for (int i = 0; i < keys.size(); i++) {
            ValueStore.GetResult r = rt.await(gets.get(i), 120_000);
            boolean ok = r != null && r.found() && Arrays.equals(r.value(), values.get(keys.get(i)));
            boolean survived = liveIds.contains(ownerAtStore.get(keys.get(i)));
            found += ok ? 1 : 0;
            if (survived) {
                survivors++;
                foundOfSurvivors += ok ? 1 : 0;
            } else {
                failedOwner++;
            }
        }
        return new Fetch(keys.size(), found, failedOwner, foundOfSurvivors, survivors);
    }
}
