package io.p2ptestbed.overlay.guard;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.Guards;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@link Guards} a node offers, kept in one place: the filters installed, and the checks a node runs with
 * them. A node hands this object out as its {@code Guards} capability and asks it before it serves a request
 * ({@link #admits}) or takes a neighbour ({@link #accepts}). Runs on the node's scheduler thread.
 */
public final class GuardHooks implements Guards {

    private final List<InboundFilter> inbound = new ArrayList<>(0);
    private final List<Predicate<Contact>> neighbours = new ArrayList<>(0);
    private final List<Supplier<Map<String, Long>>> counters = new ArrayList<>(0);

    @Override
    public void addInboundFilter(InboundFilter filter) {
        inbound.add(filter);
    }

    @Override
    public void addNeighbourFilter(Predicate<Contact> filter) {
        neighbours.add(filter);
    }

    @Override
    public void addCounterSource(Supplier<Map<String, Long>> source) {
        counters.add(source);
    }

    /** Whether every inbound filter admits a request from {@code from} now. */
    public boolean admits(NodeAddress from, long nowMillis) {
        for (InboundFilter f : inbound) {
            if (!f.admit(from, nowMillis)) {
                return false;
            }
        }
        return true;
    }

    /** Whether any neighbour filter is installed (callers skip building a Contact when none is). */
    public boolean filtersNeighbours() {
        return !neighbours.isEmpty();
    }

    /** Whether every neighbour filter takes {@code c} as a neighbour. */
    public boolean accepts(Contact c) {
        for (Predicate<Contact> f : neighbours) {
            if (!f.test(c)) {
                return false;
            }
        }
        return true;
    }

    /** Adds the defences' counters to a node's. */
    public void addCountersTo(Map<String, Long> m) {
        for (Supplier<Map<String, Long>> s : counters) {
            m.putAll(s.get());
        }
    }
}
