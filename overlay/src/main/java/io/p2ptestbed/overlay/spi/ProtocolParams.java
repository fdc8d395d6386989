package io.p2ptestbed.overlay.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A protocol's parameters: its defaults overlaid with what a scenario gave, all as text, read with typed
 * getters. Unknown names and unreadable values are refused with a message naming them.
 */
public final class ProtocolParams {

    private final String protocol;
    private final Map<String, String> values;

    private ProtocolParams(String protocol, Map<String, String> values) {
        this.protocol = protocol;
        this.values = Collections.unmodifiableMap(values);
    }

    public static ProtocolParams of(String protocol, Map<String, String> defaults, Map<String, String> given) {
        Map<String, String> v = new LinkedHashMap<>(defaults);
        if (given != null) {
            for (Map.Entry<String, String> e : given.entrySet()) {
                if (!defaults.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' for protocol " + protocol
                            + "; known: " + String.join(", ", new TreeMap<>(defaults).keySet()));
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("parameter '" + e.getKey() + "' of protocol " + protocol + " has no value");
                }
                v.put(e.getKey(), e.getValue().trim());
            }
        }
        return new ProtocolParams(protocol, v);
    }

    public String protocol() {
        return protocol;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public String string(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("protocol " + protocol + " has no parameter '" + name + "'");
        }
        return v;
    }

    public long longValue(String name, long min, long max) {
        String v = string(name);
        long x;
        try {
            x = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' of protocol " + protocol
                    + " must be an integer, got '" + v + "'");
        }
        if (x < min || x > max) {
            throw new IllegalArgumentException("parameter '" + name + "' of protocol " + protocol + " must be in ["
                    + min + ", " + max + "], got " + x);
        }
        return x;
    }

    public int intValue(String name, int min, int max) {
        return (int) longValue(name, min, max);
    }

    public boolean bool(String name) {
        String v = string(name);
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("parameter '" + name + "' of protocol " + protocol
                + " must be true or false, got '" + v + "'");
    }

    /** The same protocol with one parameter changed (validated by the caller's protocol). */
    public ProtocolParams with(String name, String value) {
        Map<String, String> v = new LinkedHashMap<>(values);
        if (!v.containsKey(name)) {
            throw new IllegalArgumentException("unknown parameter '" + name + "' for protocol " + protocol);
        }
        v.put(name, value);
        return new ProtocolParams(protocol, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtocolParams p && p.protocol.equals(protocol) && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return protocol.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return protocol + values;
    }
}
