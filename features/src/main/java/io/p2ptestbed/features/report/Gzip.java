package io.p2ptestbed.features.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Compresses a written file in place: {@code graph.gexf} becomes {@code graph.gexf.gz}. */
final class Gzip {

    private Gzip() {}

    static Path compress(Path file) {
        Path gz = file.resolveSibling(file.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
            Files.copy(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing " + file, e);
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + file, e);
        }
        return gz;
    }
}
