package io.p2ptestbed.overlay.transport.sim;

/**
 * What a fault does to one datagram on one link: drop it, delay it, or deliver extra copies.
 * Faults compose: drops win, delays add up, copies add up.
 */
public record LinkEffect(boolean drop, long extraDelayMillis, int extraCopies) {

    public static final LinkEffect NONE = new LinkEffect(false, 0, 0);
    public static final LinkEffect DROP = new LinkEffect(true, 0, 0);

    public static LinkEffect delay(long millis) {
        return new LinkEffect(false, millis, 0);
    }

    public LinkEffect combine(LinkEffect o) {
        return new LinkEffect(drop || o.drop, extraDelayMillis + o.extraDelayMillis, extraCopies + o.extraCopies);
    }
}
