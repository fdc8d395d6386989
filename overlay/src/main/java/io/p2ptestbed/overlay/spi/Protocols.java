package io.p2ptestbed.overlay.spi;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The registry of overlay protocols by name: every {@link OverlayProtocol} found by {@link ServiceLoader}
 * (the built-ins list themselves the same way, in overlay's {@code META-INF/services}).
 */
public final class Protocols {

    private static final Map<String, OverlayProtocol> BY_NAME = load();

    private Protocols() {}

    private static Map<String, OverlayProtocol> load() {
        Map<String, OverlayProtocol> m = new TreeMap<>();
        for (OverlayProtocol p : ServiceLoader.load(OverlayProtocol.class, Protocols.class.getClassLoader())) {
            OverlayProtocol old = m.putIfAbsent(p.name(), p);
            if (old != null && old.getClass() != p.getClass()) {
                throw new IllegalStateException("two overlay protocols are named '" + p.name() + "': "
                        + old.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return m;
    }

    /** The protocol of that name, or an {@link IllegalArgumentException} listing the known names. */
    public static OverlayProtocol get(String name) {
        OverlayProtocol p = name == null ? null : BY_NAME.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown overlay protocol '" + name + "'; known: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return p;
    }

    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }
}
