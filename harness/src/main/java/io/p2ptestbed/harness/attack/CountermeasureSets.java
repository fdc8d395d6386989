package io.p2ptestbed.harness.attack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the eclipse reproductions of several overlays share (Heilman et al. on Bitcoin, Marcus et al. on Ethereum):
 * named sets of protocol parameters, each a base with a few countermeasures switched; the lookup of a set by name
 * with a message listing the known ones; and writing a curve's CSV.
 */
public final class CountermeasureSets {

    private CountermeasureSets() {}

    /** {@code base} with the name/value pairs {@code kv} set over it. */
    public static Map<String, String> with(Map<String, String> base, String... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name/value pairs, got " + kv.length + " strings");
        }
        Map<String, String> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The set named {@code name} among {@code sets}, or a message listing the names. */
    public static Map<String, String> named(Map<String, Map<String, String>> sets, String name) {
        Map<String, String> c = sets.get(name.trim());
        if (c == null) {
            throw new IllegalArgumentException("unknown countermeasure set '" + name + "'; known: "
                    + String.join(", ", sets.keySet()));
        }
        return c;
    }

    /** Writes a curve's CSV text, creating the folder. */
    public static void writeCsv(String csv, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }
}
