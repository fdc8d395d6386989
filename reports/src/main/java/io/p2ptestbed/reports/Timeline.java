package io.p2ptestbed.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * Files written by {@link GraphRenderer#renderTimeline}.
 *
 * @param framePngs one PNG per frame, in frame order ({@code frame-000.png}, ...)
 * @param dgsFile   GraphStream DGS replay of the same frames, one step per frame
 */
public record Timeline(List<Path> framePngs, Path dgsFile) {
    public Timeline {
        framePngs = List.copyOf(framePngs);
    }
}
