package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.ethereum.EthTable.Node;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * geth's node database (p2p/discover/database.go), which survives restarts: per node, when it last answered a ping
 * (pong received) and last pinged us, its failed findnode count, and whether it is stored as a seed for the next
 * start. geth 1.7 stored every bonded node; geth 1.8 only nodes that stayed in the table for 5 minutes.
 */
public final class NodeDb {

    /** Seeds older than this are not read (geth's seedMaxAge: 5 days). */
    public static final long SEED_MAX_AGE_MILLIS = 5 * 86_400_000L;

    static final class Rec {
        Node node;
        long lastPong = Long.MIN_VALUE / 2;
        long lastPing = Long.MIN_VALUE / 2;
        int findFails;
        boolean seed;
    }

    private final Map<ByteBuffer, Rec> recs = new LinkedHashMap<>();

    Rec get(byte[] id) {
        return recs.get(ByteBuffer.wrap(id));
    }

    /** The record of this node, created if new; its endpoint updated. */
    Rec touch(Node n) {
        Rec r = recs.computeIfAbsent(n.key(), k -> new Rec());
        r.node = n;
        return r;
    }

    public long lastPong(byte[] id) {
        Rec r = get(id);
        return r == null ? Long.MIN_VALUE / 2 : r.lastPong;
    }

    public long lastPing(byte[] id) {
        Rec r = get(id);
        return r == null ? Long.MIN_VALUE / 2 : r.lastPing;
    }

    public int size() {
        return recs.size();
    }

    /** Nodes stored as seeds. */
    public List<Node> seedNodes() {
        List<Node> out = new ArrayList<>();
        for (Rec r : recs.values()) {
            if (r.seed) {
                out.add(r.node);
            }
        }
        return out;
    }

    /** Up to {@code n} random seeds that answered a ping within {@link #SEED_MAX_AGE_MILLIS}: geth's querySeeds. */
    List<Node> querySeeds(int n, long now, RandomGenerator rng) {
        List<Node> all = new ArrayList<>();
        for (Rec r : recs.values()) {
            if (r.seed && now - r.lastPong <= SEED_MAX_AGE_MILLIS) {
                all.add(r.node);
            }
        }
        for (int i = 0; i < Math.min(n, all.size()); i++) {
            java.util.Collections.swap(all, i, i + rng.nextInt(all.size() - i));
        }
        return new ArrayList<>(all.subList(0, Math.min(n, all.size())));
    }
}
