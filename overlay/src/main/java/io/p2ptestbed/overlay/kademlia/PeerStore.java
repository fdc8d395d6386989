package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Peers announced for info-hashes, each expiring {@code ttl} after its latest announce. */
public final class PeerStore {

    private final Map<NodeId, LinkedHashMap<NodeAddress, Long>> peers = new HashMap<>();
    private final long ttlMillis;

    public PeerStore(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    public void announce(NodeId infoHash, NodeAddress peer, long now) {
        LinkedHashMap<NodeAddress, Long> m = peers.computeIfAbsent(infoHash, h -> new LinkedHashMap<>());
        m.remove(peer);
        m.put(peer, now + ttlMillis);
    }

    /** Up to {@code max} live peers, most recently announced first. */
    public List<NodeAddress> get(NodeId infoHash, int max, long now) {
        LinkedHashMap<NodeAddress, Long> m = peers.get(infoHash);
        if (m == null) {
            return List.of();
        }
        m.values().removeIf(expiry -> expiry <= now);
        List<NodeAddress> all = new ArrayList<>(m.keySet());
        List<NodeAddress> out = new ArrayList<>(Math.min(max, all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
            out.add(all.get(i));
        }
        return out;
    }

    public void expire(long now) {
        peers.values().forEach(m -> m.values().removeIf(expiry -> expiry <= now));
        peers.values().removeIf(Map::isEmpty);
    }

    public int infoHashes() {
        return peers.size();
    }

    public int totalPeers() {
        return peers.values().stream().mapToInt(Map::size).sum();
    }
}
