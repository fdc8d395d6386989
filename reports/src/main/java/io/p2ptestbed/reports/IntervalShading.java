package io.p2ptestbed.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * XChart annotation that shades attack/fault intervals as translucent vertical bands with their
 * label on top, Jepsen style. One colour per distinct label. X values are in seconds, matching
 * the timeline chart's axis.
 */
final class IntervalShading extends Annotation {
    static final Color[] BAND_COLOURS = {
        new Color(255, 127, 14, 60), new Color(148, 103, 189, 60), new Color(140, 86, 75, 60),
        new Color(23, 190, 207, 60), new Color(188, 189, 34, 60)
    };
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private final List<Interval> intervals;
    private final Map<String, Color> colourByLabel = new LinkedHashMap<>();

    IntervalShading(List<Interval> intervals) {
        super(false);
        this.intervals = List.copyOf(intervals);
        for (Interval i : this.intervals) {
            colourByLabel.computeIfAbsent(i.label(), l -> BAND_COLOURS[colourByLabel.size() % BAND_COLOURS.length]);
        }
    }

    Color colourOf(String label) {
        return colourByLabel.get(label);
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible) {
            return;
        }
        int left = getXAxisScreenValueForMin();
        int right = getXAxisScreenValueForMax();
        int top = Math.min(getYAxisScreenValueForMin(), getYAxisScreenValueForMax());
        int bottom = Math.max(getYAxisScreenValueForMin(), getYAxisScreenValueForMax());
        bounds = new Rectangle2D.Double(left, top, right - left, bottom - top);
        Shape oldClip = g.getClip();
        g.clip(bounds);
        g.setFont(LABEL_FONT);
        for (Interval i : intervals) {
            int x1 = Math.max(left, getXAxisScreenValue(i.start() / 1000.0));
            int x2 = Math.min(right, getXAxisScreenValue(i.end() / 1000.0));
            if (x2 < x1) {
                continue;
            }
            Color c = colourByLabel.get(i.label());
            g.setColor(c);
            g.fillRect(x1, top, Math.max(2, x2 - x1), bottom - top);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue()).darker());
            g.drawString(i.label(), x1 + 4, top + g.getFontMetrics().getAscent() + 2);
        }
        g.setClip(oldClip);
    }
}
