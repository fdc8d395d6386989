package io.p2ptestbed.reports;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file produced by a run.
 *
 * @param kind     what it is
 * @param path     path relative to the report folder, with '/' separators (as used in links)
 * @param scenario scenario it belongs to, or {@code null} for run-wide artefacts
 * @param title    short human description shown as link text; defaults to the file name
 */
public record Artefact(ArtefactKind kind, String path, String scenario, String title) {
    public Artefact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        if (title == null || title.isBlank()) {
            int slash = path.lastIndexOf('/');
            title = slash >= 0 ? path.substring(slash + 1) : path;
        }
    }

    /** Artefact for {@code file}, stored relative to {@code reportDir}. */
    public static Artefact of(ArtefactKind kind, Path reportDir, Path file, String scenario, String title) {
        Path rel = reportDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return new Artefact(kind, rel.toString().replace('\\', '/'), scenario, title);
    }
}
