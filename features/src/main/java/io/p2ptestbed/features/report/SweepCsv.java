package io.p2ptestbed.features.report;

import io.p2ptestbed.reports.SweepPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an adversary-fraction sweep written by a scenario: a CSV with a header naming at least
 * {@code adversary_fraction} and {@code lookup_success}, optionally {@code defence} (or
 * {@code defense}) and {@code d} (disjoint paths); further columns are ignored. One series per
 * defence/d pair. Defensive: anything else (no such columns, unreadable file) is "not a sweep",
 * and malformed rows are skipped.
 */
public final class SweepCsv {

    private SweepCsv() {}

    public static Optional<Map<String, List<SweepPoint>>> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<String> header = cells(lines.get(0).replace("\uFEFF", "")).stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
        int fraction = header.indexOf("adversary_fraction");
        int success = header.indexOf("lookup_success");
        int defence = header.indexOf("defence") >= 0 ? header.indexOf("defence") : header.indexOf("defense");
        int d = header.indexOf("d");
        if (fraction < 0 || success < 0) {
            return Optional.empty();
        }
        Map<String, List<SweepPoint>> series = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> c = cells(line);
            if (line.isBlank() || c.size() <= Math.max(fraction, success)) {
                continue;
            }
            try {
                double x = Double.parseDouble(c.get(fraction));
                double y = Double.parseDouble(c.get(success));
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                String key = label(defence >= 0 && defence < c.size() ? c.get(defence) : "",
                        d >= 0 && d < c.size() ? c.get(d) : "");
                series.computeIfAbsent(key, k -> new ArrayList<>()).add(new SweepPoint(x, y));
            } catch (NumberFormatException e) {
                // a malformed row: skip it, keep the rest of the sweep
            }
        }
        return series.isEmpty() ? Optional.empty() : Optional.of(series);
    }

    private static String label(String defence, String d) {
        String name = defence.isBlank() ? "lookups" : defence;
        return d.isBlank() ? name : name + ", d=" + d;
    }

    /** Comma-separated cells; double quotes around a cell are removed (no embedded commas expected). */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            String t = cell.trim();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1).replace("\"\"", "\"");
            }
            out.add(t);
        }
        return out;
    }
}
