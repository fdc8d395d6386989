package io.p2ptestbed.features.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the baseline lives: the system property {@value #PROPERTY} if set, else the first
 * {@value #DEFAULT_RELATIVE} found from the working directory upwards (so it is found from the
 * repository root, from {@code features/} under Maven, and from any folder below).
 */
public final class BaselineFiles {

    public static final String PROPERTY = "testbed.baseline";
    public static final String DEFAULT_RELATIVE = "baseline/baseline.json";

    private BaselineFiles() {}

    public static Optional<Path> locate() {
        String forced = System.getProperty(PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return Optional.of(Path.of(forced.trim()));
        }
        return findUpwards(Path.of("").toAbsolutePath());
    }

    static Optional<Path> findUpwards(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DEFAULT_RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
