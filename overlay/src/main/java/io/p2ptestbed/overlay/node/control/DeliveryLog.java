package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.spi.Broadcast;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first deliveries of broadcast messages at one node of a node host, as its {@code Broadcast} capability
 * reports them, for {@code GET /v1/deliveries}, and the answers to the messages the node published (Gnutella's query
 * hits at the querier), for {@code GET /v1/answers}. Kept across an in-process stop and start of the node (as the
 * in-JVM runtimes' recorder keeps them), at most {@link #CAPACITY} messages (the oldest are forgotten).
 *
 * <p>Times: a delivery's {@code atMillis} is the node's scheduler time; the log adds the node host's offset to
 * the Unix epoch ({@code SystemClock.epochMillisAtZero}, sampled once when the host starts), so the times
 * of every node host on one machine share one reference, the host kernel's wall clock (containers share it),
 * and on several machines are as close as their clocks are synchronised.
 */
final class DeliveryLog implements Broadcast.DeliveryListener, Broadcast.AnswerListener {

    /** Messages remembered per node. */
    static final int CAPACITY = 50_000;
    /** Own messages whose answers are remembered per node, and answers remembered per message. */
    static final int ANSWERED_CAPACITY = 1_000;
    static final int ANSWERS_PER_MESSAGE = 10_000;

    private final long epochOffsetMillis;
    private final Map<Long, Broadcast.Delivery> byMessage = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Broadcast.Delivery> eldest) {
            return size() > CAPACITY;
        }
    };

    private final Map<Long, List<Broadcast.Answer>> answers = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Broadcast.Answer>> eldest) {
            return size() > ANSWERED_CAPACITY;
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

    /** Called on the node's loop; keeps every answer to a message the node published, in order of arrival. */
    @Override
    public synchronized void answered(Broadcast.Answer a) {
        List<Broadcast.Answer> l = answers.computeIfAbsent(a.messageId(), k -> new ArrayList<>());
        if (l.size() < ANSWERS_PER_MESSAGE) {
            l.add(a);
        }
    }

    /** The remembered answers to {@code messageId}, or to every message (null), with epoch times. */
    synchronized List<Object> answersJson(Long messageId) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<Long, List<Broadcast.Answer>> e : answers.entrySet()) {
            if (messageId == null || e.getKey().equals(messageId)) {
                e.getValue().forEach(a -> out.add(ControlJson.answer(a, epochOffsetMillis)));
            }
        }
        return out;
    }

    long epochOffsetMillis() {
        return epochOffsetMillis;
    }
}
