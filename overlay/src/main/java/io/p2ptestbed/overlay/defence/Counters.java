package io.p2ptestbed.overlay.defence;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A defence's named counters, all under one prefix ({@code "defence.rate_limit."}...). Written on the
 * node's thread; {@link #snapshot()} may be read from another thread.
 */
final class Counters {

    private final String prefix;
    private final Map<String, Long> values = new ConcurrentHashMap<>();

    /** @param initial counters reported as 0 before their first event, so that readers always find them */
    Counters(String defenceKey, String... initial) {
        this.prefix = "defence." + defenceKey + ".";
        for (String name : initial) {
            values.put(name, 0L);
        }
    }

    void inc(String name) {
        values.merge(name, 1L, Long::sum);
    }

    void add(String name, long n) {
        values.merge(name, n, Long::sum);
    }

    void set(String name, long value) {
        values.put(name, value);
    }

    long get(String name) {
        return values.getOrDefault(name, 0L);
    }

    /** The counters with their full names, sorted. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }
}
