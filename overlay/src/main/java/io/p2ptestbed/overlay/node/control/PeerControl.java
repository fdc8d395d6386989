package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.bitcoin.BitcoinView;
import io.p2ptestbed.overlay.ethereum.EthereumView;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.RunningNode;
import io.p2ptestbed.overlay.spi.OverlayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The control interface's neutral connection endpoints, answered by whatever protocol the node runs (Bitcoin through
 * its {@link BitcoinView}, Ethereum through its {@link EthereumView}); what an eclipse reads and does at a victim in a
 * container. Every call runs on the node's own loop.
 * <pre>
 *   GET  /v1/peers     {"protocol", "outbound": [ip:port...], "inbound": [ip:port...]}: the handshaken peers the node
 *                      dialled (listening addresses, oldest first) and those that dialled it (Bitcoin: their source
 *                      addresses; Ethereum: source ip and Hello's listen port)
 *   POST /v1/restart   {"downMillis": 0..600000, "skipSeconds": 0..2592000 (Bitcoin only; optional, 0)}: the protocol's
 *                      restart inside the process: every connection dropped, connections refused for downMillis, then
 *                      outbound connections again; Bitcoin keeps its address manager and anchors (and its clock reads
 *                      skipSeconds later afterwards), Ethereum keeps its node db and empties its table
 * </pre>
 * What one protocol alone has lives under its name ({@code /v1/bitcoin/addrman}: {@link BitcoinControl};
 * {@code /v1/ethereum/table}: {@link EthereumEndpoints}). A node whose protocol has neither view answers 501 naming its
 * protocol; a bad or out-of-range field 400 naming it.
 */
final class PeerControl {

    /** The longest restart down time (10 minutes) and Bitcoin's clock skip (30 days: Core's horizon for a terrible entry). */
    static final long MAX_DOWN_MILLIS = 600_000;
    static final long MAX_SKIP_SECONDS = 30L * 86_400;
    /** The protocols that answer {@code /v1/peers} and {@code /v1/restart}, for error messages. */
    static final String PROTOCOLS = "bitcoin and ethereum";

    private PeerControl() {}

    /** A restart of {@code downMillis}, the node's clock {@code skipSeconds} later afterwards (where the protocol has one). */
    interface Restart {
        void restart(long downMillis, long skipSeconds);
    }

    /**
     * A protocol's connections and restart as the neutral endpoints use them (read and called on the node's loop).
     *
     * @param clockSkip whether the restart can move the node's protocol clock on (Bitcoin's timestamps)
     */
    record Connections(Supplier<List<NodeAddress>> outbound, Supplier<List<NodeAddress>> inbound, Restart restart,
                       boolean clockSkip) {}

    /** The node's connections and restart, if its protocol has them. */
    static Optional<Connections> of(OverlayNode n) {
        Optional<BitcoinView> b = n.capability(BitcoinView.class);
        if (b.isPresent()) {
            BitcoinView v = b.get();
            return Optional.of(new Connections(v::outboundPeers, v::inboundPeers, v::restart, true));
        }
        return n.capability(EthereumView.class).map(v -> new Connections(v::outboundPeers, v::inboundPeers,
                (down, skip) -> v.restart(down), false));
    }

    static Map<String, Object> peers(RunningNode r, Connections c) throws Exception {
        return r.onLoop(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("protocol", r.protocol());
            m.put("outbound", addresses(c.outbound().get()));
            m.put("inbound", addresses(c.inbound().get()));
            return m;
        });
    }

    static Map<String, Object> restart(RunningNode r, Connections c, Object body) throws Exception {
        Fields f = Fields.of(body, "restart request");
        if (!c.clockSkip() && f.has("skipSeconds")) {
            throw new Fields.BadRequest("'skipSeconds' moves Bitcoin's clock on; the " + r.protocol()
                    + " overlay's restart takes only 'downMillis'");
        }
        f.onlyKnown("downMillis", "skipSeconds");
        f.get("downMillis");
        long down = f.integer("downMillis", 0, MAX_DOWN_MILLIS, 0);
        long skip = f.integer("skipSeconds", 0, MAX_SKIP_SECONDS, 0);
        return r.onLoop(() -> {
            c.restart().restart(down, skip);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("protocol", r.protocol());
            m.put("restarted", true);
            m.put("downMillis", down);
            if (c.clockSkip()) {
                m.put("skipSeconds", skip);
            }
            return m;
        });
    }

    static List<Object> addresses(List<NodeAddress> as) {
        List<Object> l = new ArrayList<>(as.size());
        as.forEach(a -> l.add(a.toString()));
        return l;
    }
}
