package io.p2ptestbed.overlay.transport.stream;

import io.p2ptestbed.overlay.id.NodeAddress;

/** What a node hears of its connections, on its scheduler thread. */
public interface ConnectionHandler {

    /** The connection is established (both ends may send). */
    void opened(Connection connection);

    /** One whole frame arrived. */
    void frame(Connection connection, byte[] frame);

    /** The connection is gone; nothing more arrives on it. */
    void closed(Connection connection, CloseReason reason);

    /** An outbound connection could not be opened. */
    default void failed(NodeAddress to, CloseReason reason) {}
}
