package io.p2ptestbed.adversary.kademlia.dos;

/**
 * Traffic of one query type in a flood, measured on the wire.
 *
 * @param sent         queries sent
 * @param requestBytes their encoded size in total
 * @param answered     replies received from the target ("r")
 * @param errors       error replies received from the target ("e")
 * @param replyBytes   size of all those replies
 */
public record TypeStats(long sent, long requestBytes, long answered, long errors, long replyBytes) {

    public static final TypeStats ZERO = new TypeStats(0, 0, 0, 0, 0);

    public TypeStats plus(TypeStats o) {
        return new TypeStats(sent + o.sent, requestBytes + o.requestBytes, answered + o.answered, errors + o.errors,
                replyBytes + o.replyBytes);
    }

    /** Bandwidth amplification: bytes the target sent back per byte it received (unanswered queries included). */
    public double amplification() {
        return requestBytes == 0 ? 0 : (double) replyBytes / requestBytes;
    }

    /** Size of the average reply over the size of the average request: the amplification of one exchange. */
    public double perReplyAmplification() {
        long replies = answered + errors;
        return replies == 0 || sent == 0 ? 0 : ((double) replyBytes / replies) / ((double) requestBytes / sent);
    }
}
