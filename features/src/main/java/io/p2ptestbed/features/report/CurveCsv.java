package io.p2ptestbed.features.report;

import io.p2ptestbed.reports.Artefact;
import io.p2ptestbed.reports.ArtefactKind;
import io.p2ptestbed.reports.Charts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Curves written by a scenario as CSV: the header starts with {@code curve} (the line's name), then the x column,
 * then value columns; the report draws one chart per value column against x, one line per curve. Defensive: any
 * other file is "not curves" (no chart), and rows that do not parse are skipped.
 */
final class CurveCsv {

    private CurveCsv() {}

    /** Per value column, per curve, its points {x, y}; empty when the file is not curves. */
    static Map<String, Map<String, List<double[]>>> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        if (lines.size() < 2) {
            return Map.of();
        }
        String[] header = lines.get(0).replace("\uFEFF", "").split(",", -1);
        if (header.length < 3 || !header[0].trim().toLowerCase(Locale.ROOT).equals("curve")) {
            return Map.of();
        }
        Map<String, Map<String, List<double[]>>> out = new LinkedHashMap<>();
        for (int col = 2; col < header.length; col++) {
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",", -1);
                if (c.length != header.length) {
                    continue;
                }
                try {
                    double x = Double.parseDouble(c[1].trim());
                    double y = Double.parseDouble(c[col].trim());
                    if (Double.isFinite(x) && Double.isFinite(y)) {
                        curves.computeIfAbsent(c[0].trim(), k -> new ArrayList<>()).add(new double[] {x, y});
                    }
                } catch (NumberFormatException e) {
                    // not a number: skip the row
                }
            }
            if (!curves.isEmpty()) {
                out.put(header[col].trim(), curves);
            }
        }
        return out;
    }

    /** The charts of a curves file, listed with the scenario and run-wide; none when it is not curves. */
    static List<Artefact> charts(Path reportDir, String dir, String name, Path csv) {
        List<Artefact> out = new ArrayList<>();
        Map<String, Map<String, List<double[]>>> byValue = read(csv);
        String[] header;
        try {
            header = Files.readAllLines(csv, StandardCharsets.UTF_8).get(0).split(",", -1);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        String stem = csv.getFileName().toString().replaceAll("\\.csv$", "");
        for (Map.Entry<String, Map<String, List<double[]>>> e : byValue.entrySet()) {
            String title = e.getKey().replace('_', ' ') + " vs " + header[1].trim().replace('_', ' ');
            Path png = Charts.curves(name + ": " + title, header[1].trim().replace('_', ' '), e.getKey().replace('_', ' '),
                    e.getValue(), false, reportDir.resolve(dir).resolve(stem + "-" + e.getKey() + ".png"));
            out.add(Artefact.of(ArtefactKind.CHART, reportDir, png, name, title));
            out.add(Artefact.of(ArtefactKind.CHART, reportDir, png, null, name + ": " + title));
        }
        return out;
    }
}
