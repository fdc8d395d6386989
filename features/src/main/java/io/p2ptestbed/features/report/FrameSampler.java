package io.p2ptestbed.features.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Picks at most {@code max} evenly spread items of a time-lapse, always the first and the last (the
 * last frame is the key frame: "final state" or "at failure"). Bounds rendering cost: a churn
 * scenario takes a frame per recovery round, a report draws six.
 */
public final class FrameSampler {

    public static final int DEFAULT_MAX_FRAMES = 6;
    /** System property overriding {@link #DEFAULT_MAX_FRAMES} (set by {@code testbed run --frames N}). */
    public static final String PROPERTY = "testbed.report.frames";

    private FrameSampler() {}

    /** Frames drawn per scenario: {@value #PROPERTY} if set to a positive number, else {@value #DEFAULT_MAX_FRAMES}. */
    public static int maxFrames() {
        try {
            int n = Integer.parseInt(System.getProperty(PROPERTY, String.valueOf(DEFAULT_MAX_FRAMES)).trim());
            return n > 0 ? n : DEFAULT_MAX_FRAMES;
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_FRAMES;
        }
    }

    public static <T> List<T> pick(List<T> frames, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        int n = frames.size();
        if (n <= max) {
            return List.copyOf(frames);
        }
        TreeSet<Integer> idx = new TreeSet<>();
        if (max == 1) {
            idx.add(n - 1);
        } else {
            for (int i = 0; i < max; i++) {
                idx.add((int) Math.round(i * (n - 1) / (double) (max - 1)));
            }
        }
        List<T> out = new ArrayList<>(idx.size());
        idx.forEach(i -> out.add(frames.get(i)));
        return out;
    }
}
