package io.p2ptestbed.adversary.kademlia.dos;

/** The four BEP 5 queries a flood can send. */
public enum QueryType {
    PING, FIND_NODE, GET_PEERS, ANNOUNCE_PEER;

    /** Parses "ping", "find_node", "get_peers", "announce_peer" (the KRPC method names). */
    public static QueryType ofMethod(String method) {
        return valueOf(method.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
