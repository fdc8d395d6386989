package io.p2ptestbed.overlay.defence;

/**
 * A token bucket on the node's clock: holds at most {@code burst} tokens, refills at {@code ratePerSecond},
 * and starts full. Each admitted event takes one token. Pure arithmetic on the {@code now} it is given.
 */
final class TokenBucket {

    private final double perMilli;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, double burst, long now) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("token bucket needs rate > 0 and burst >= 1, got " + ratePerSecond + ", " + burst);
        }
        this.perMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    boolean tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * perMilli);
            last = now;
        }
    }
}
