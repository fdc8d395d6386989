package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.spi.Broadcast;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first deliveries of broadcast messages at one node of a node host, as its {@code Broadcast} capability
 * reports them, for {@code GET /v1/deliveries}. Kept across an in-process stop and start of the node (as the
 * in-JVM runtimes' recorder keeps them), at most {@link #CAPACITY} messages (the oldest are forgotten).
 *
 * <p>Times: a delivery's {@code atMillis} is the node's scheduler time; the log adds the node host's offset to
 * the Unix epoch ({@code SystemClock.epochMillisAtZero}, sampled once when the host starts), so the times
 * of every node host on one machine share one reference, the host kernel's wall clock (containers share it),
 * and on several machines are as close as their clocks are synchronised.
 */
final class DeliveryLog implements Broadcast.DeliveryListener {

    /** Messages remembered per node. */
    static final int CAPACITY = 50_000;

    private final long epochOffsetMillis;
    private final Map<Long, Broadcast.Delivery> byMessage = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Broadcast.Delivery> eldest) {
            return size() > CAPACITY;
        }
    };

    DeliveryLog(long epochOffsetMillis) {
        this.epochOffsetMillis = epochOffsetMillis;
    }

    /** Called on the node's loop; keeps the first delivery of each message. */
    @Override
    public synchronized void delivered(Broadcast.Delivery d) {
        byMessage.putIfAbsent(d.messageId(), d);
    }

    /** Every remembered delivery, or the one of {@code messageId} (null: all), with epoch times. */
    synchronized List<Object> json(Long messageId) {
        List<Object> out = new ArrayList<>();
        if (messageId != null) {
            Broadcast.Delivery d = byMessage.get(messageId);
            if (d != null) {
                out.add(ControlJson.delivery(d, epochOffsetMillis));
            }
            return out;
        }
        byMessage.values().forEach(d -> out.add(ControlJson.delivery(d, epochOffsetMillis)));
        return out;
    }

    long epochOffsetMillis() {
        return epochOffsetMillis;
    }
}
