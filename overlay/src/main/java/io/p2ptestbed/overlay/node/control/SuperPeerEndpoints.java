package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.node.RunningNode;
import io.p2ptestbed.overlay.superpeer.SuperPeerSearch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control interface's super-peer-only endpoint, under the protocol's name ({@link SuperPeerSearch}): a node's role
 * and a leaf's parents, read in its own process, so that the Sybil steps ("N% of the super-peers fail at once", "the
 * leaves have only Sybils as parents") read containers as they read nodes in the JVM. Runs on the node's loop.
 * <pre>
 *   GET  /v1/superpeer/state   {"role": "super"|"leaf", "malicious": bool, "parents": [ip:port...]}: a super-peer has no
 *                              parents; a leaf's parents are its super-peers' listening addresses now
 * </pre>
 */
final class SuperPeerEndpoints {

    private SuperPeerEndpoints() {}

    static Map<String, Object> state(RunningNode r, SuperPeerSearch s) throws Exception {
        return r.onLoop(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", s.isSuperPeer() ? "super" : "leaf");
            m.put("malicious", s.isMalicious());
            m.put("parents", PeerControl.addresses(s.isSuperPeer() ? java.util.List.of() : s.parentAddresses()));
            return m;
        });
    }
}
