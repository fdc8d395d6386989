package io.p2ptestbed.overlay.gnutella;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/**
 * A Gnutella node's parameters (all settable per scenario).
 *
 * @param degree        the mean degree of the random topology: each joiner opens ceil(degree/2) connections to
 *                      random hosts from its host cache, so connections average {@code degree} per node
 * @param maxInbound    inbound connection slots (0: twice {@code degree}, so few nodes fill up and joins rarely retry)
 * @param ttl           TTL of the queries and pings this node starts
 * @param ttlCap        defence: clamp TTL + hops of every descriptor to {@code maxTtl} (walks: {@code walkTtl})
 * @param maxTtl        the cap
 * @param dedup         defence: drop a descriptor whose id was seen already (flood loops)
 * @param walkers       0 to flood; k > 0 to search with k random walkers (Lv et al. 2002)
 * @param walkTtl       TTL of each walker
 * @param rateLimit     defence: descriptors accepted per second per connection (token bucket, burst the same); 0 off
 * @param files         files this node shares, keywords drawn from the seed
 * @param vocabulary    keywords files are drawn from: {@code kw0} .. {@code kw<vocabulary-1>}
 * @param hostCache     hosts remembered from pongs (random replacement when full)
 * @param pongs         cached pongs answered to a ping besides the node's own (pong caching)
 * @param routeMillis   how long a descriptor id stays in the routing and duplicate table (at least)
 * @param maintainMillis how often the node tops its outbound connections up
 * @param maxPayload    the largest payload accepted
 * @param answerAll     attack: answer every query with a hit (response storm amplification)
 * @param forgeTtl      attack: forward every descriptor with this TTL instead of TTL - 1 (0 off)
 * @param staticTopology {@code topology=static}: connect to exactly the seeds given at join, never to hosts from
 *                      the cache (a fixed peer list: the harness lays out a d-regular random graph this way);
 *                      {@code random} (default): ceil(degree/2) connections to random cached hosts
 */
public record GnutellaConfig(int degree, int maxInbound, int ttl, boolean ttlCap, int maxTtl, boolean dedup, int walkers,
                             int walkTtl, int rateLimit, int files, int vocabulary, int hostCache, int pongs,
                             long routeMillis, long maintainMillis, int maxPayload, boolean answerAll, int forgeTtl,
                             boolean staticTopology) {

    public static GnutellaConfig defaults() {
        return new GnutellaConfig(8, 0, 7, true, 7, true, 0, 64, 0, 3, 1000, 1000, 10, 60_000, 5_000, 4096, false, 0, false);
    }

    public int outbound() {
        return (degree + 1) / 2;
    }

    public int inboundSlots() {
        return maxInbound == 0 ? 2 * degree : maxInbound;
    }

    /** The TTL + hops bound the cap enforces. */
    public int cap() {
        return walkers > 0 ? walkTtl : maxTtl;
    }

    public Map<String, String> toParams() {
        Map<String, String> m = ProtocolParams.valuesOf(this);
        m.remove("staticTopology");
        m.put("topology", staticTopology ? STATIC : RANDOM);
        return m;
    }

    public static GnutellaConfig of(ProtocolParams p) {
        return new GnutellaConfig(p.intValue("degree", 1, 1000), p.intValue("maxInbound", 0, 10_000),
                p.intValue("ttl", 1, 255), p.bool("ttlCap"), p.intValue("maxTtl", 1, 255), p.bool("dedup"),
                p.intValue("walkers", 0, 1000), p.intValue("walkTtl", 1, 255), p.intValue("rateLimit", 0, 1_000_000),
                p.intValue("files", 0, 1000), p.intValue("vocabulary", 1, 1_000_000), p.intValue("hostCache", 1, 1_000_000),
                p.intValue("pongs", 0, 255), p.longValue("routeMillis", 1, 86_400_000L),
                p.longValue("maintainMillis", 1, 86_400_000L), p.intValue("maxPayload", 64, 1 << 20), p.bool("answerAll"),
                p.intValue("forgeTtl", 0, 255), p.choice("topology", RANDOM, STATIC).equals(STATIC));
    }

    public static final String RANDOM = "random";
    public static final String STATIC = "static";
}
