package io.p2ptestbed.overlay.spi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A protocol's parameters: its defaults overlaid with what a scenario gave, all as text, read with typed
 * getters. Unknown names and unreadable values are refused with a message naming them.
 *
 * <p>The one parameter reader of every overlay: a config record lists its parameters with {@link #valuesOf(Record)}
 * (by its component names), reads them with the typed getters ({@link #intValue}, {@link #longValue},
 * {@link #decimal}, {@link #bool}, {@link #choice}), and checks its own components with {@link #requireRange}, so
 * that every refusal reads the same: {@code parameter 'NAME' of protocol P must be in [MIN, MAX], got V}.
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
        long x = number(name, Long::parseLong, "an integer");
        requireRange(protocol, name, x, min, max);
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

    /** A decimal number in [min, max]; anything else is refused with the parameter's name and range. */
    public double decimal(String name, double min, double max) {
        double x = number(name, Double::parseDouble, "a number");
        requireRange(protocol, name, x, min, max);
        return x;
    }

    private <N extends Number> N number(String name, java.util.function.Function<String, N> parse, String what) {
        String v = string(name);
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' of protocol " + protocol
                    + " must be " + what + ", got '" + v + "'");
        }
    }

    /** One of the {@code allowed} words, exactly; anything else is refused with the parameter's name and the words. */
    public String choice(String name, String... allowed) {
        return requireChoice(protocol, name, string(name), allowed);
    }

    /**
     * The constant of {@code type} named by the parameter, in any case, with a hyphen or an underscore between words
     * (its labels, lower case with hyphens, are listed otherwise).
     */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String v = string(name);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v) || label(e).equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException("parameter '" + name + "' of protocol " + protocol + " must be "
                + either(Arrays.stream(type.getEnumConstants()).map(ProtocolParams::label).toList()) + ", got '" + v + "'");
    }

    /** Refuses a value that is none of the {@code allowed} words, naming the parameter, its protocol and the words. */
    public static String requireChoice(String protocol, String name, String v, String... allowed) {
        if (!Arrays.asList(allowed).contains(v)) {
            throw new IllegalArgumentException("parameter '" + name + "' of protocol " + protocol + " must be "
                    + either(Arrays.asList(allowed)) + ", got '" + v + "'");
        }
        return v;
    }

    /** Refuses a value outside [min, max], naming the parameter, its protocol and the range. */
    public static void requireRange(String protocol, String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("parameter '" + name + "' of protocol " + protocol + " must be in ["
                    + min + ", " + max + "], got " + v);
        }
    }

    /** Refuses a decimal outside [min, max] (or NaN), naming the parameter, its protocol and the range. */
    public static void requireRange(String protocol, String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("parameter '" + name + "' of protocol " + protocol + " must be in ["
                    + plain(min) + ", " + plain(max) + "], got " + v);
        }
    }

    /**
     * A config record's parameters by its component names, in their order: numbers, booleans and strings as
     * {@link String#valueOf}, enum constants by their lower-case names. A config whose text differs for some
     * component puts that one over the result (the entry keeps its place).
     */
    public static Map<String, String> valuesOf(Record config) {
        Map<String, String> m = new LinkedHashMap<>();
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(config);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + config.getClass().getName(), e);
            }
            m.put(c.getName(), v instanceof Enum<?> e ? label(e) : String.valueOf(v));
        }
        return m;
    }

    /** An enum constant's word in parameters: its name in lower case, words joined by hyphens (TEST_LEAFSET: test-leafset). */
    public static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "a", "a or b", "a, b or c". */
    private static String either(List<String> words) {
        int n = words.size();
        return n == 1 ? words.get(0) : String.join(", ", words.subList(0, n - 1)) + " or " + words.get(n - 1);
    }

    /** A bound as written in the config: 100 rather than 100.0. */
    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
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
