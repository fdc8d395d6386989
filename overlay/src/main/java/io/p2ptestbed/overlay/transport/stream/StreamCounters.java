package io.p2ptestbed.overlay.transport.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A stream transport's counters; thread-safe (real transports count on event loops, harnesses read anywhere). */
public final class StreamCounters {

    public final AtomicLong opened = new AtomicLong();
    public final AtomicLong accepted = new AtomicLong();
    public final AtomicLong connectFailures = new AtomicLong();
    public final AtomicLong refusedSlots = new AtomicLong();
    public final AtomicLong refusedOutsideLab = new AtomicLong();
    public final AtomicLong framesSent = new AtomicLong();
    public final AtomicLong framesReceived = new AtomicLong();
    public final AtomicLong bytesSent = new AtomicLong();
    public final AtomicLong bytesReceived = new AtomicLong();
    public final AtomicLong retransmissions = new AtomicLong();
    public final AtomicLong resets = new AtomicLong();
    public final AtomicLong timeouts = new AtomicLong();
    public final AtomicLong malformed = new AtomicLong();
    public final AtomicLong oversized = new AtomicLong();
    public final AtomicLong halfOpen = new AtomicLong();
    public final AtomicLong overloaded = new AtomicLong();
    public final AtomicLong handlerErrors = new AtomicLong();

    /** Counts a close by its reason (the reasons that are faults of the peer or the network). */
    public void closedBy(CloseReason r) {
        switch (r) {
            case RESET -> resets.incrementAndGet();
            case TIMEOUT -> timeouts.incrementAndGet();
            case MALFORMED -> malformed.incrementAndGet();
            case OVERSIZED -> oversized.incrementAndGet();
            case HALF_OPEN -> halfOpen.incrementAndGet();
            case OVERLOADED -> overloaded.incrementAndGet();
            default -> { }
        }
    }

    /** The counters by name, prefixed {@code stream.}, for a node's {@code counters()}. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("stream.opened", opened.get());
        m.put("stream.accepted", accepted.get());
        m.put("stream.connectFailures", connectFailures.get());
        m.put("stream.refusedSlots", refusedSlots.get());
        m.put("stream.refusedOutsideLab", refusedOutsideLab.get());
        m.put("stream.framesSent", framesSent.get());
        m.put("stream.framesReceived", framesReceived.get());
        m.put("stream.bytesSent", bytesSent.get());
        m.put("stream.bytesReceived", bytesReceived.get());
        m.put("stream.retransmissions", retransmissions.get());
        m.put("stream.resets", resets.get());
        m.put("stream.timeouts", timeouts.get());
        m.put("stream.malformed", malformed.get());
        m.put("stream.oversized", oversized.get());
        m.put("stream.halfOpen", halfOpen.get());
        m.put("stream.overloaded", overloaded.get());
        m.put("stream.handlerErrors", handlerErrors.get());
        return m;
    }
}
