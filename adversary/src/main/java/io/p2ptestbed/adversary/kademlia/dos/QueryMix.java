package io.p2ptestbed.adversary.kademlia.dos;

import java.util.random.RandomGenerator;

/** Relative weights of the query types in a flood. */
public record QueryMix(int ping, int findNode, int getPeers, int announcePeer) {

    public QueryMix {
        if (ping < 0 || findNode < 0 || getPeers < 0 || announcePeer < 0 || ping + findNode + getPeers + announcePeer <= 0) {
            throw new IllegalArgumentException("query mix weights must be non-negative with a positive sum");
        }
    }

    public static QueryMix only(QueryType t) {
        return new QueryMix(t == QueryType.PING ? 1 : 0, t == QueryType.FIND_NODE ? 1 : 0,
                t == QueryType.GET_PEERS ? 1 : 0, t == QueryType.ANNOUNCE_PEER ? 1 : 0);
    }

    public static QueryMix uniform() {
        return new QueryMix(1, 1, 1, 1);
    }

    public int weight(QueryType t) {
        return switch (t) {
            case PING -> ping;
            case FIND_NODE -> findNode;
            case GET_PEERS -> getPeers;
            case ANNOUNCE_PEER -> announcePeer;
        };
    }

    public QueryType pick(RandomGenerator rng) {
        int r = rng.nextInt(ping + findNode + getPeers + announcePeer);
        for (QueryType t : QueryType.values()) {
            r -= weight(t);
            if (r < 0) {
                return t;
            }
        }
        throw new AssertionError("unreachable");
    }
}
