package io.p2ptestbed.adversary.fault;

import io.p2ptestbed.overlay.transport.sim.SimNetwork;

/** Where link faults are installed: a simulated network, or the {@link FaultPlane} of real sockets. */
@FunctionalInterface
public interface FaultTarget {

    /** Installs the fault; the returned action heals it (idempotent). */
    Runnable install(LinkFault fault);

    /** Link faults on a simulated network, through {@link SimNetwork#addFilter}. */
    static FaultTarget of(SimNetwork network) {
        return fault -> {
            io.p2ptestbed.overlay.transport.sim.LinkFilter filter = fault::apply;
            network.addFilter(filter);
            return () -> network.removeFilter(filter);
        };
    }
}
