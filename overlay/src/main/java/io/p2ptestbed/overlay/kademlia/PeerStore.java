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

    /** Made on the first announce: most nodes of a large simulated network never store a peer. */
    private Map<NodeId, LinkedHashMap<NodeAddress, Long>> peers;
    private final long ttlMillis;

    public PeerStore(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    public void announce(NodeId infoHash, NodeAddress peer, long now) {
        if (peers == null) {
            peers = new HashMap<>();
        }
        LinkedHashMap<NodeAddress, Long> m = peers.computeIfAbsent(infoHash, h -> new LinkedHashMap<>());
        m.remove(peer);
        m.put(peer, now + ttlMillis);
    }

    /** Up to {@code max} live peers, most recently announced first. */
    public List<NodeAddress> get(NodeId infoHash, int max, long now) {
        LinkedHashMap<NodeAddress, Long> m = peers == null ? null : peers.get(infoHash);
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
        if (peers == null) {
            return;
        }
        peers.values().forEach(m -> m.values().removeIf(expiry -> expiry <= now));
        peers.values().removeIf(Map::isEmpty);
    }

    public int infoHashes() {
        return peers == null ? 0 : peers.size();
    }

    public int totalPeers() {
        return peers == null ? 0 : peers.values().stream().mapToInt(Map::size).sum();
    }
}
