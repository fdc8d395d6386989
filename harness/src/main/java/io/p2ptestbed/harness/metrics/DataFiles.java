package io.p2ptestbed.harness.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Data files a scenario writes (sweep CSVs and the like), with their folders. */
public final class DataFiles {

    private DataFiles() {}

    /** Writes {@code text} as UTF-8 to {@code file}, creating its folders; an I/O failure names the file. */
    public static void write(Path file, CharSequence text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
