package io.p2ptestbed.overlay.transport.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The connection bookkeeping of a stream overlay's node (Gnutella, super-peers, Ethereum's devp2p): each open
 * connection's protocol state {@code P}, by connection id in the order the connections opened (so every walk over
 * them is deterministic), and the counts and selections the nodes' slot and neighbour rules make of them. Touch it
 * only on the node's scheduler.
 *
 * @param <P> a connection's protocol state (a node's {@code Peer})
 */
public final class StreamPeers<P> {

    private final Map<Long, P> byConnection = new LinkedHashMap<>();

    /**
     * A connection that just opened: unless the node {@code accepts} (it runs), the connection is closed and null
     * returned; otherwise its new state is attached to it ({@link Connection#attach}), registered and returned.
     */
    public P opened(Connection c, boolean accepts, Function<Connection, P> state) {
        if (!accepts) {
            c.close();
            return null;
        }
        P p = state.apply(c);
        c.attach(p);
        byConnection.put(c.id(), p);
        return p;
    }

    /** Registers {@code p} as the state of {@code c} (without attaching it). */
    public void put(Connection c, P p) {
        byConnection.put(c.id(), p);
    }

    /** The state {@link #opened} attached to {@code c} (null when none). */
    @SuppressWarnings("unchecked")
    public P attached(Connection c) {
        return (P) c.attachment();
    }

    /** Forgets a closed connection; returns its state, or null when it was not registered. */
    public P remove(Connection c) {
        return byConnection.remove(c.id());
    }

    /** Every registered state, in the order the connections opened (a live view). */
    public Collection<P> values() {
        return byConnection.values();
    }

    /** How many states match. */
    public int count(Predicate<? super P> which) {
        int n = 0;
        for (P p : byConnection.values()) {
            if (which.test(p)) {
                n++;
            }
        }
        return n;
    }

    /** Whether any state matches. */
    public boolean any(Predicate<? super P> which) {
        for (P p : byConnection.values()) {
            if (which.test(p)) {
                return true;
            }
        }
        return false;
    }

    /** The states that match, in the order the connections opened. */
    public List<P> matching(Predicate<? super P> which) {
        List<P> out = new ArrayList<>();
        for (P p : byConnection.values()) {
            if (which.test(p)) {
                out.add(p);
            }
        }
        return out;
    }

    public int size() {
        return byConnection.size();
    }

    public void clear() {
        byConnection.clear();
    }
}
