package io.p2ptestbed.features.world.kademlia;

import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.kademlia.attack.FloodRun;
import io.p2ptestbed.harness.kademlia.attack.HonestLoad;
import io.p2ptestbed.overlay.kademlia.ServiceCapacity;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.HashMap;
import java.util.Map;

/** Flood experiments of one scenario: node capacities, the honest load per node, what was measured. */
public final class FloodWorld {

    public final Map<NodeHandle, ServiceCapacity> capacity = new HashMap<>();
    public final Map<NodeHandle, Integer> honestPerSecond = new HashMap<>();
    /** The last flood and the honest service during it. */
    public FloodRun.Outcome lastFlood;
    public int lastFloodRate;
    /** The last honest-only measurement (no flood). */
    public HonestLoad.Report baseline;

    public static FloodWorld of(TestbedWorld world) {
        return world.extension(FloodWorld.class, FloodWorld::new);
    }
}
