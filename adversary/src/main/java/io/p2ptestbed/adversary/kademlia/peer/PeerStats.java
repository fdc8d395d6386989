package io.p2ptestbed.adversary.kademlia.peer;

/**
 * Counters of one scripted peer, written on the attacker's scheduler thread.
 *
 * @param queriesIn     queries received
 * @param repliesSent   replies or errors sent to them
 * @param silentDrops   queries deliberately left unanswered
 * @param queriesOut    queries sent
 * @param answersIn     replies to those
 * @param timeouts      queries that got no reply
 * @param bytesOut      bytes sent
 * @param bytesIn       bytes received
 */
public record PeerStats(long queriesIn, long repliesSent, long silentDrops, long queriesOut, long answersIn,
                        long timeouts, long bytesOut, long bytesIn) {

    public static final PeerStats ZERO = new PeerStats(0, 0, 0, 0, 0, 0, 0, 0);

    public PeerStats plus(PeerStats o) {
        return new PeerStats(queriesIn + o.queriesIn, repliesSent + o.repliesSent, silentDrops + o.silentDrops,
                queriesOut + o.queriesOut, answersIn + o.answersIn, timeouts + o.timeouts, bytesOut + o.bytesOut,
                bytesIn + o.bytesIn);
    }

    /** Datagrams this peer put on the wire. */
    public long messagesSent() {
        return repliesSent + queriesOut;
    }
}
