package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.cli.TestbedCli.UsageError;
import io.p2ptestbed.features.report.RunManifest;
import io.p2ptestbed.reports.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Prepares {@code --out}: created if absent; a previous report folder is emptied (stale scenario
 * folders would otherwise linger); any other non-empty folder is refused, so a typo cannot wipe a
 * source tree.
 */
final class OutputFolder {

    private OutputFolder() {}

    static Path prepare(Path out) {
        Path dir = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UsageError("--out " + out + " is a file, not a folder");
            }
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                boolean report = Files.exists(dir.resolve(RunReport.FILE_NAME)) || Files.exists(dir.resolve(RunManifest.FILE_NAME))
                        || onlyCucumber(dir);
                boolean source = Files.exists(dir.resolve("pom.xml")) || Files.exists(dir.resolve(".git"));
                if (!report || source) {
                    throw new UsageError("--out " + out + " is not empty and is not a testbed report folder; "
                            + "choose a new folder (it is emptied before each run)");
                }
                deleteContents(dir);
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + dir, e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** A run that died before its report was written leaves only Cucumber's files. */
    private static boolean onlyCucumber(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> p.getFileName().toString().equals("cucumber"));
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
