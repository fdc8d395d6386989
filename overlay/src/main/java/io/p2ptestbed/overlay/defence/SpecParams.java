package io.p2ptestbed.overlay.defence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code key=value} parameters of one defence in a spec string, with typed readers. Each reader
 * consumes its key; {@link #requireAllUsed} then reports misspelt keys instead of ignoring them.
 *
 * <p>Value syntax: durations {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} (a bare number is
 * milliseconds); rates {@code 10/s}, {@code 600/m}, {@code 36000/h} (a bare number is per second, {@code off}
 * or {@code 0} disables); booleans {@code true|false|on|off|yes|no}.
 */
final class SpecParams {

    private final String defence;
    private final Map<String, String> values;

    SpecParams(String defence, Map<String, String> values) {
        this.defence = defence;
        this.values = new LinkedHashMap<>(values);
    }

    int integer(String key, int dflt, int min, int max) {
        String v = values.remove(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw bad(key, v, "an integer in [" + min + ", " + max + "]");
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer in [" + min + ", " + max + "]");
        }
    }

    double number(String key, double dflt) {
        String v = values.remove(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number");
        }
    }

    /** A rate in events per second; 0 means unlimited. */
    double ratePerSecond(String key, double dflt) {
        String v = values.remove(key);
        if (v == null) {
            return dflt;
        }
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("off") || s.equals("none") || s.equals("unlimited")) {
            return 0;
        }
        double per = 1;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            per = switch (s.substring(slash + 1)) {
                case "s" -> 1;
                case "m", "min" -> 60;
                case "h" -> 3600;
                default -> throw bad(key, v, "a rate like 10/s, 600/m or 36000/h");
            };
            s = s.substring(0, slash);
        }
        try {
            double n = Double.parseDouble(s) / per;
            if (n < 0 || Double.isNaN(n) || Double.isInfinite(n)) {
                throw bad(key, v, "a non-negative rate");
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(key, v, "a rate like 10/s, 600/m or 36000/h");
        }
    }

    long millis(String key, long dflt) {
        String v = values.remove(key);
        return v == null ? dflt : parseMillis(key, v);
    }

    boolean bool(String key, boolean dflt) {
        String v = values.remove(key);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    String choice(String key, String dflt, Set<String> allowed) {
        String v = values.remove(key);
        if (v == null) {
            return dflt;
        }
        String s = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(s)) {
            throw bad(key, v, "one of " + allowed);
        }
        return s;
    }

    void requireAllUsed(String validKeys) {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("defence '" + defence + "' has no parameter " + values.keySet()
                    + "; valid parameters: " + validKeys);
        }
    }

    private long parseMillis(String key, String v) {
        String s = v.toLowerCase(Locale.ROOT);
        long unit = 1;
        String digits = s;
        if (s.endsWith("ms")) {
            digits = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unit = 1_000;
            digits = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unit = 60_000;
            digits = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            unit = 3_600_000;
            digits = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(digits);
            if (n < 0) {
                throw bad(key, v, "a non-negative duration");
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw bad(key, v, "a duration like 500ms, 30s, 10m or 2h");
        }
    }

    private IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("defence '" + defence + "': parameter " + key + "=" + value
                + " should be " + expected);
    }

    /** Formats a duration the way {@link #millis} reads it. */
    static String duration(long ms) {
        if (ms > 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms > 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms > 0 && ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    /** Formats a per-second rate the way {@link #ratePerSecond} reads it. */
    static String rate(double perSecond) {
        return perSecond == 0 ? "off" : number(perSecond) + "/s";
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
