package io.p2ptestbed.harness.attack;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The installed colluders of an overlay whose colluders are chosen before the network starts and lie through the
 * transports they are wrapped in as they boot (Chord, Pastry): who colludes, from when they lie, and the lies their
 * transports counted.
 *
 * @param <T> the overlay's lying transport
 */
public final class WrappedColluders<T> implements OverlayCollusion.Installed {

    private final String overlay;
    private final Set<NodeAddress> colluding;
    private final AtomicLong turnAt;
    private final ToLongFunction<T> lies;
    private final List<T> transports = new ArrayList<>();

    public WrappedColluders(String overlay, Set<NodeAddress> colluders, long turnAtMillis, ToLongFunction<T> lies) {
        this.overlay = overlay;
        this.colluding = new HashSet<>(colluders);
        this.turnAt = new AtomicLong(turnAtMillis);
        this.lies = lies;
    }

    /** Whether colluders lie at runtime time {@code now}. */
    public boolean lyingAt(long now) {
        return now >= turnAt.get();
    }

    /** A colluder's transport, as it boots. */
    public void add(T transport) {
        synchronized (transports) {
            transports.add(transport);
        }
    }

    @Override
    public boolean isColluder(NodeAddress address) {
        return colluding.contains(address);
    }

    @Override
    public void collude(Set<NodeAddress> more) {
        if (!colluding.containsAll(more)) {
            throw new UnsupportedOperationException(overlay + " colluders are chosen before the network starts; a sweep "
                    + "over colluder fractions runs on Kademlia (and on Pastry as CastroSweep, which turns members)");
        }
    }

    @Override
    public void turnAt(long millis) {
        turnAt.set(millis);
    }

    @Override
    public long lies() {
        synchronized (transports) {
            return transports.stream().mapToLong(lies).sum();
        }
    }
}
