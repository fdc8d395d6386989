package io.p2ptestbed.overlay.superpeer;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;
import io.p2ptestbed.overlay.spi.FileSearch;
import java.util.concurrent.CompletableFuture;

/** The super-peer network's own capability: a leaf's search, and what the harness needs to grade it. */
public interface SuperPeerSearch extends FileSearch {

    /** Sends a query for {@code file} to this leaf's parents; completes after the collection window with the distinct hits. */
    @Override
    CompletableFuture<List<NodeAddress>> search(String file);

    boolean isSuperPeer();

    /** Leaves search; super-peers answer. */
    @Override
    default boolean searches() {
        return !isSuperPeer();
    }

    /** Whether this node is a super-peer that turned malicious (drops or poisons). */
    boolean isMalicious();

    /**
     * Turns this super-peer malicious from now on: {@code drop} (answer and forward nothing) or {@code poison} (answer
     * every query with decoys and replace the hits it relays with them). A harness's way to make an exact share of the
     * super-peers malicious.
     */
    @Override
    void turnMalicious(String mode);

    /** The files this node shares (a leaf's; a super-peer shares none). */
    @Override
    List<String> files();

    /** A leaf's parents now. */
    List<NodeAddress> parentAddresses();
}
