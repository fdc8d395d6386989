package io.p2ptestbed.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graphstream.graph.Graph;
import org.graphstream.stream.file.FileSinkImages;

/**
 * Renders a positioned GraphStream graph to PNG with the Swing renderer's {@link FileSinkImages}
 * (no window, no layout), then decorates it with caption and legend.
 */
final class PngFrameWriter {
    private static final double RING_BOX = RingLayout.RING_RADIUS + 0.12;
    private static final int PADDING_PX = 20;

    private final RenderOptions options;

    PngFrameWriter(RenderOptions options) {
        this.options = options;
    }

    /**
     * World-coordinate box with the image's aspect ratio, chosen so that the ring fills the area
     * right of the legend column and below a caption band of {@code captionLineCount} lines.
     * Invisible anchors at its corners pin GraphStream's auto-fitting camera for every frame.
     *
     * @return {minX, minY, maxX, maxY}
     */
    double[] worldBox(int captionLineCount) {
        double captionPx = 24 + 30 + 21 * Math.max(0, captionLineCount - 1);
        double legendPx = FrameDecorator.LEGEND_WIDTH + 12;
        double w = options.width() - 2.0 * PADDING_PX;
        double h = options.height() - 2.0 * PADDING_PX;
        double ppu = Math.min((w - legendPx) / (2 * RING_BOX), (h - captionPx) / (2 * RING_BOX));
        double centreX = legendPx + (w - legendPx) / 2;
        double centreY = captionPx + (h - captionPx) / 2;
        double minX = -centreX / ppu;
        double maxY = centreY / ppu;
        return new double[] {minX, maxY - h / ppu, minX + w / ppu, maxY};
    }

    void write(Graph positioned, List<String> captionLines, Path png) throws IOException {
        Headless.ensure();
        FileSinkImages sink = FileSinkImages.createDefault();
        if (sink == null) {
            throw new IllegalStateException("GraphStream Swing UI (gs-ui-swing) not available");
        }
        sink.setOutputType(FileSinkImages.OutputType.PNG);
        sink.setResolution(options.width(), options.height());
        sink.setLayoutPolicy(FileSinkImages.LayoutPolicy.NO_LAYOUT);
        sink.setQuality(FileSinkImages.Quality.HIGH);
        sink.setClearImageBeforeOutputEnabled(true);
        sink.addFilter(image -> FrameDecorator.decorate(image, captionLines));
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(png);
        sink.writeAll(positioned, png.toString());
        if (!Files.isRegularFile(png)) {
            throw new IOException("GraphStream did not write " + png);
        }
    }
}
