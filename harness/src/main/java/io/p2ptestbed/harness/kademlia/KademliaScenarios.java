package io.p2ptestbed.harness.kademlia;

import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.scenario.ScenarioException;
import io.p2ptestbed.overlay.kademlia.KademliaProtocol;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;

/** Kademlia's view of a {@link Scenario}: its {@link NodeConfig}, for Kademlia-only code (buckets, KRPC). */
public final class KademliaScenarios {

    private KademliaScenarios() {}

    public static boolean isKademlia(Scenario s) {
        return KademliaProtocol.NAME.equals(s.protocolName());
    }

    /** Kademlia's node config; any other overlay gets a message naming it and what was asked. */
    public static NodeConfig config(Scenario s) {
        if (!isKademlia(s)) {
            throw new UnsupportedCapabilityException("this step needs Kademlia parameters "
                    + "(k, alpha); the scenario runs the " + s.protocolName() + " overlay");
        }
        return KademliaProtocol.config(s.protocol());
    }

    /** Kademlia with its parameters taken from a node config. */
    public static ProtocolParams params(NodeConfig c) {
        if (c == null) {
            throw new ScenarioException("node", "protocol parameters missing");
        }
        return ((KademliaProtocol) Protocols.get(KademliaProtocol.NAME)).params(c);
    }

    /** The same scenario running Kademlia with this node config. */
    public static Scenario withConfig(Scenario s, NodeConfig c) {
        return new Scenario(s.name(), s.runtime(), s.seed(), s.nodes(), s.bootstrapNodes(), params(c),
                s.minLatencyMillis(), s.maxLatencyMillis(), s.lossRate(), s.joinSpacingMillis());
    }

    /** A Kademlia scenario with its parameters taken from a node config. */
    public static Scenario of(String name, RuntimeKind runtime, long seed, int nodes, int bootstrapNodes, NodeConfig node,
                              long minLatencyMillis, long maxLatencyMillis, double lossRate, long joinSpacingMillis) {
        return new Scenario(name, runtime, seed, nodes, bootstrapNodes, params(node), minLatencyMillis, maxLatencyMillis,
                lossRate, joinSpacingMillis);
    }
}
