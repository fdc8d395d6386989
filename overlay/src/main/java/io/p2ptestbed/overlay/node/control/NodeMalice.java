package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.node.NodeSettings;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Malice that a node host can switch on at run time ({@code POST /v1/malice}) for an overlay whose malicious behaviour
 * lives outside the overlay's own code: the adversary module's (registered with {@link ServiceLoader} under this
 * interface's name, and on the node image's class path beside the node jar). The node host wraps the node's transport
 * with {@link #wrap} before the node starts; the node is honest until {@link Handle#turn} names a mode.
 */
public interface NodeMalice {

    /** Whether this malice serves nodes of the overlay {@code protocol}. */
    boolean supports(String protocol);

    /** Wraps a node's transport (below the node, above the faults and the socket); honest until turned. */
    Handle wrap(Transport transport, Scheduler scheduler, NodeSettings settings);

    /** One node's switchable malice. */
    interface Handle {

        /** The transport the node is to use. */
        Transport transport();

        /**
         * Turns the node to {@code mode} (the malice's own names) with {@code colluders}, the fellow malicious nodes it
         * may name; called on the node's loop. A mode it lacks, or colluders it cannot use, throw
         * {@link IllegalArgumentException} naming what is wrong.
         */
        void turn(String mode, List<Contact> colluders);

        /** Counters of the malice ({@code malice.*}), read on the node's loop. */
        Map<String, Long> counters();
    }

    /**
     * Checks a mode before any node starts ({@code node-host --malice}): an {@link IllegalArgumentException} naming the
     * modes when this malice has no mode {@code mode}. The default accepts every mode ({@link Handle#turn} still checks).
     */
    default void check(String mode) {}

    /** The first registered malice that serves {@code protocol}, if any on the class path. */
    static Optional<NodeMalice> forProtocol(String protocol) {
        for (NodeMalice m : ServiceLoader.load(NodeMalice.class, NodeMalice.class.getClassLoader())) {
            if (m.supports(protocol)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
