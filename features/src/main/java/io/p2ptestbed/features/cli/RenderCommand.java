package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.cli.TestbedCli.UsageError;
import io.p2ptestbed.features.report.FrameStore;
import io.p2ptestbed.features.report.RunManifest;
import io.p2ptestbed.reports.Frame;
import io.p2ptestbed.reports.GraphExports;
import io.p2ptestbed.reports.GraphRenderer;
import io.p2ptestbed.reports.OverlayGraph;
import io.p2ptestbed.reports.RenderOptions;
import io.p2ptestbed.reports.ScenarioArtefacts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code testbed render}: draws or exports the saved frames of a report again. */
@Command(name = "render", mixinStandardHelpOptions = true,
        header = "Re-render the graphs of a saved run as png, graphml, gexf, dot or dgs.", sortOptions = false,
        description = {"Re-renders the graphs of a saved run from each scenario's frames.json.gz (the frames drawn in",
                "the report): PNG time-lapse or DGS replay of all frames, or GraphML/GEXF/DOT of one frame (default: the last)."},
        footer = {"", "Exit codes: 0 written; 2 bad arguments (no such report, scenario or frame)."})
final class RenderCommand implements Callable<Integer> {

    enum Format { PNG, GRAPHML, GEXF, DOT, DGS }

    @Spec
    CommandSpec spec;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "Report folder (or its run-report.json).")
    Path report;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Only this scenario (repeatable). Default: all with frames.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "png",
            description = "png, graphml, gexf, dot or dgs. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--frame", paramLabel = "INDEX", description = "Only frame INDEX (0-based; -1 = last).")
    Integer frame;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: REPORT/render.")
    Path out;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1200x900", description = "PNG size. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "300",
            description = "Draw every node up to N nodes, above that a sample around the victims. Default: ${DEFAULT-VALUE}.")
    int sample;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Path dir = ReportLocation.of(report).dir();
        Map<String, Path> stored = storedFrames(dir);
        if (stored.isEmpty()) {
            throw new UsageError(dir + " has no saved frames (" + FrameStore.FILE_NAME + "); was it written by 'testbed run'?");
        }
        List<String> names = scenarios.isEmpty() ? new ArrayList<>(stored.keySet()) : scenarios;
        Path target = out != null ? out : dir.resolve("render");
        RenderOptions options = options();
        for (String name : names) {
            Path file = stored.get(name);
            if (file == null) {
                throw new UsageError("no saved frames for scenario '" + name + "'; scenarios with frames: " + stored.keySet());
            }
            List<Frame> frames = FrameStore.frames(FrameStore.read(file));
            for (Path p : render(frames, target.resolve(ScenarioArtefacts.slug(name)), options)) {
                w.println(p);
            }
        }
        w.flush();
        return TestbedCli.OK;
    }

    private List<Path> render(List<Frame> frames, Path dir, RenderOptions options) {
        List<Frame> chosen = frames;
        if (frame != null) {
            int i = frame < 0 ? frames.size() + frame : frame;
            if (i < 0 || i >= frames.size()) {
                throw new UsageError("--frame " + frame + " is out of range: the scenario has " + frames.size() + " saved frames");
            }
            chosen = List.of(frames.get(i));
        }
        GraphRenderer renderer = new GraphRenderer(options);
        OverlayGraph one = chosen.get(chosen.size() - 1).graph();
        return switch (format) {
            case PNG -> renderer.renderTimeline(chosen, dir).framePngs();
            case DGS -> List.of(renderer.renderTimeline(chosen, dir).dgsFile());
            case GRAPHML -> List.of(GraphExports.writeGraphMl(one, dir.resolve("graph.graphml")));
            case GEXF -> List.of(GraphExports.writeGexf(one, dir.resolve("graph.gexf")));
            case DOT -> List.of(GraphExports.writeDot(one, dir.resolve("graph.dot")));
        };
    }

    private RenderOptions options() {
        String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            return new RenderOptions(Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()), sample);
        } catch (RuntimeException e) {
            throw new UsageError("--size must be WIDTHxHEIGHT, at least 400x300, and --sample positive: " + e.getMessage());
        }
    }

    /** Scenario name to its frames file, from the manifest, else by looking into the scenario folders. */
    static Map<String, Path> storedFrames(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        RunManifest.read(dir).ifPresent(m -> m.scenarios().forEach(s -> {
            if (s.dir() != null && Files.isRegularFile(dir.resolve(s.dir()).resolve(FrameStore.FILE_NAME))) {
                out.put(s.name(), dir.resolve(s.dir()).resolve(FrameStore.FILE_NAME));
            }
        }));
        if (out.isEmpty()) {
            try (Stream<Path> sub = Files.list(dir)) {
                sub.map(p -> p.resolve(FrameStore.FILE_NAME)).filter(Files::isRegularFile)
                        .forEach(f -> out.put(FrameStore.read(f).scenario(), f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
