package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * File search on overlays that find the peers sharing a file (a central index, super-peers): what a searching
 * peer asks and what every peer shares, so that searches can be graded against ground truth on any runtime
 * (in one JVM, or through a node host's control interface: {@code GET /v1/files}, {@code POST /v1/searches}).
 * Touch it only on the node's own scheduler.
 */
public interface FileSearch extends Malice {

    /**
     * Searches for {@code file}; completes with the peers the answer names (possibly none), or exceptionally when
     * no answer came.
     */
    CompletableFuture<List<NodeAddress>> search(String file);

    /** The files this node shares (empty when it shares none). */
    List<String> files();

    /** Whether this node searches (a peer, a leaf): the index and the super-peers answer searches, they ask none. */
    boolean searches();

    /**
     * Turns this node malicious from now on, in one of the overlay's modes (a super-peer's {@code drop} or
     * {@code poison}): a harness's way to make an exact share of the nodes misbehave. Overlays without malicious
     * modes refuse.
     */
    @Override
    default void turnMalicious(String mode) {
        throw new IllegalArgumentException("this overlay has no malicious mode '" + mode + "'");
    }

    /**
     * The files a peer shares: {@code files} names {@code kw<r>} with r drawn below {@code vocabulary} from the node's
     * generator, in the order drawn, a name drawn twice shared once.
     */
    static List<String> drawFiles(RandomGenerator rng, int files, int vocabulary) {
        Set<String> f = new LinkedHashSet<>();
        for (int i = 0; i < files; i++) {
            f.add("kw" + rng.nextInt(vocabulary));
        }
        return List.copyOf(f);
    }
}
