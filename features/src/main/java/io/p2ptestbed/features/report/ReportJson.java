package io.p2ptestbed.features.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** JSON for the files this package adds to a report folder (manifest, saved frames). */
final class ReportJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ReportJson() {}

    static void write(Object value, Path file, boolean pretty) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (file.toString().endsWith(".gz")) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    MAPPER.writeValue(out, value);
                }
            } else if (pretty) {
                MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
            } else {
                MAPPER.writeValue(file.toFile(), value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    static <T> T read(Path file, Class<T> type) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
