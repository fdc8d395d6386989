package io.p2ptestbed.overlay.index;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.List;
import io.p2ptestbed.overlay.spi.FileSearch;
import java.util.concurrent.CompletableFuture;

/** The central index's own capability: search the index, register raw claims, and what this node shares. */
public interface IndexSearch extends FileSearch {

    /**
     * Asks the index which peers share {@code file}; completes with the answer (possibly empty), or exceptionally
     * when the index stayed silent through the retry.
     */
    @Override
    CompletableFuture<List<NodeAddress>> search(String file);

    /** Sends one query for {@code file} without waiting for the answer (a flooder's query; the answer is dropped). */
    void searchWithoutWaiting(String file);

    /**
     * Sends one registration claiming {@code claimed} shares {@code files}, without waiting for the answer: the
     * honest re-announce, and the poisoner's fake registrations (any address it likes to name).
     */
    void register(NodeAddress claimed, List<String> files);

    /** The files this node shares (none on the index). */
    @Override
    List<String> files();

    /** Every peer searches; the index does not. */
    @Override
    default boolean searches() {
        return !isIndex();
    }

    /** Whether this node is the index (it joined no one). */
    boolean isIndex();

    /** The index this node registers with and searches; null on the index itself. */
    NodeAddress index();
}
