package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.KeySpace;
import io.p2ptestbed.overlay.spi.RouteResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one scenario's nodes: in virtual time ({@link SimulatedRuntime}), on real loopback sockets
 * ({@link LoopbackRuntime}) or in containers. Steps and the CLI talk only to this interface.
 */
public interface NetworkRuntime extends AutoCloseable {

    RuntimeKind kind();

    Scenario scenario();

    /** Creates every node and joins it through the bootstrap nodes; returns when all joins finished. */
    void start();

    List<? extends NodeHandle> nodes();

    default List<NodeHandle> liveNodes() {
        return nodes().stream().filter(NodeHandle::alive).map(n -> (NodeHandle) n).toList();
    }

    default NodeHandle node(int index) {
        return nodes().get(index);
    }

    /**
     * The UDP port of this runtime's lab addresses (honest nodes and attackers): {@link Addresses#PORT} where
     * nodes bind real sockets, {@link Addresses#SIMULATED_PORT} on the simulator, so that a simulated run
     * does not depend on the environment.
     */
    default int labPort() {
        return Addresses.PORT;
    }

    /** Current time of the runtime: virtual on the simulator, wall-clock milliseconds elsewhere. */
    long nowMillis();

    /** Lets {@code millis} of (virtual or real) time pass with the network running. */
    void advance(long millis);

    /**
     * Routes every request to its key through the overlay's key-based routing, concurrently; result i
     * answers request i (null when the node was dead or the lookup did not finish). Protocol-specific
     * lookups (Kademlia's find_node, get_peers, announce) are extensions of a runtime, e.g.
     * {@code io.p2ptestbed.harness.kademlia.KademliaRuntime}.
     */
    List<RouteResult> routes(List<RouteRequest> requests);

    /**
     * Starts one lookup without waiting for it; it completes as the network runs ({@link #advance}). For
     * workloads that overlap lookups with churn. Runtimes that cannot say so.
     */
    default CompletableFuture<RouteResult> routeAsync(NodeHandle from, NodeId key) {
        throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("the " + kind().label()
                + " runtime cannot start lookups without waiting for them");
    }

    /** Stores a value from a node through the overlay's {@link io.p2ptestbed.overlay.spi.ValueStore}. */
    default CompletableFuture<io.p2ptestbed.overlay.spi.ValueStore.PutResult> putAsync(NodeHandle from, NodeId key, byte[] value) {
        throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("the " + kind().label()
                + " runtime cannot store values yet");
    }

    /** Fetches a value from a node through the overlay's {@link io.p2ptestbed.overlay.spi.ValueStore}. */
    default CompletableFuture<io.p2ptestbed.overlay.spi.ValueStore.GetResult> getAsync(NodeHandle from, NodeId key) {
        throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("the " + kind().label()
                + " runtime cannot fetch values yet");
    }

    /**
     * Publishing and observing broadcasts on nodes whose overlay offers {@code Broadcast}. In-JVM runtimes record
     * deliveries with a listener installed before start ({@code Broadcasts.attach}); runtimes that can observe
     * their nodes at any time answer here.
     */
    default BroadcastProbe broadcastProbe() {
        throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("the " + kind().label() + " runtime cannot "
                + "observe broadcast deliveries; use the simulated, loopback, docker or swarm runtime");
    }

    default RouteResult route(NodeHandle from, NodeId key) {
        return routes(List.of(new RouteRequest(from, key))).get(0);
    }

    /** The metric of the overlay's key space (who owns a key). */
    default KeySpace keySpace() {
        return scenario().overlay().keySpace();
    }

    void kill(NodeHandle node);

    /**
     * The live nodes grouped by what fails together when its process dies: every node alone in one JVM (the simulated
     * and loopback runtimes), every live node of one container on docker (several when containers run several nodes).
     */
    default List<List<NodeHandle>> failureUnits() {
        return liveNodes().stream().map(List::of).toList();
    }

    /** Kills one failure unit ({@link #failureUnits}): each node in one JVM; on docker the container, a real process death. */
    default void killUnit(List<NodeHandle> unit) {
        unit.forEach(this::kill);
    }

    /** Brings a killed node back with the same id and address, and rejoins it. */
    void restart(NodeHandle node);

    /** Adds and joins a brand-new honest node. */
    NodeHandle join();

    /**
     * Waits (bounded) for a future driven by this network, e.g. an attack's; null when it failed or did
     * not finish in time. The simulator runs virtual time until it completes; other runtimes block.
     */
    default <T> T await(CompletableFuture<T> future, long timeoutMillis) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** Global knowledge of the live nodes. */
    default GroundTruth truth() {
        return GroundTruth.of(liveNodes(), keySpace());
    }

    @Override
    void close();
}
