package io.p2ptestbed.reports;

/**
 * Options of {@link GraphRenderer}.
 *
 * @param width           image width in pixels
 * @param height          image height in pixels
 * @param sampleThreshold above this many distinct nodes only the victim neighbourhood plus a
 *                        deterministic sample is drawn (and the caption says so)
 */
public record RenderOptions(int width, int height, int sampleThreshold) {
    public static final RenderOptions DEFAULTS = new RenderOptions(1200, 900, 300);

    public RenderOptions {
        if (width < 400 || height < 300) {
            throw new IllegalArgumentException("image must be at least 400x300, got " + width + "x" + height);
        }
        if (sampleThreshold < 1) {
            throw new IllegalArgumentException("sampleThreshold must be positive");
        }
    }
}
