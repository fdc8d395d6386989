package io.p2ptestbed.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Java2D post-processing of a rendered frame: caption band on top, legend box bottom-left. */
final class FrameDecorator {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final int LEGEND_WIDTH = 290;
    static final int LEGEND_HEIGHT = 200;

    private FrameDecorator() {
    }

    static void decorate(BufferedImage image, List<String> captionLines) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            drawCaption(g, image.getWidth(), captionLines);
            drawLegend(g, 12, image.getHeight() - LEGEND_HEIGHT - 12);
        } finally {
            g.dispose();
        }
    }

    private static void drawCaption(Graphics2D g, int width, List<String> lines) {
        int y = 12;
        for (int i = 0; i < lines.size(); i++) {
            g.setFont(i == 0 ? TITLE : TEXT);
            FontMetrics fm = g.getFontMetrics();
            y += fm.getAscent();
            g.setColor(i == 0 ? Color.BLACK : lines.get(i).contains("ECLIPSED") ? RolePalette.ATTACKER.darker()
                    : new Color(0x333333));
            g.drawString(ellipsize(lines.get(i), fm, width - 24), 12, y);
            y += fm.getDescent() + 3;
        }
    }

    private static void drawLegend(Graphics2D g, int x, int y) {
        g.setColor(new Color(255, 255, 255, 235));
        g.fillRoundRect(x, y, LEGEND_WIDTH, LEGEND_HEIGHT, 10, 10);
        g.setColor(new Color(0x999999));
        g.setStroke(new BasicStroke(1f));
        g.drawRoundRect(x, y, LEGEND_WIDTH, LEGEND_HEIGHT, 10, 10);
        g.setFont(TEXT);
        int cx = x + 22;
        int row = y + 22;
        disc(g, cx, row, 12, RolePalette.HONEST, new Color(0x33475F), 1);
        text(g, "honest node", cx, row);
        row += 24;
        diamond(g, cx, row, 16);
        text(g, "attacker (Sybil)", cx, row);
        row += 26;
        disc(g, cx, row, 20, RolePalette.VICTIM, Color.BLACK, 3);
        text(g, "victim (target)", cx, row);
        row += 26;
        disc(g, cx, row, 12, RolePalette.FAILED_FILL, RolePalette.FAILED_OUTLINE, 2);
        text(g, "failed / departed node", cx, row);
        row += 24;
        line(g, cx, row, RolePalette.EDGE, 1.5f);
        text(g, "routing entry (A -> B)", cx, row);
        row += 22;
        line(g, cx, row, RolePalette.EDGE_TO_ATTACKER, 3f);
        text(g, "entry pointing to an attacker", cx, row);
        row += 22;
        line(g, cx, row, RolePalette.VICTIM_EDGE, 2f);
        text(g, "victim's entry to a non-attacker", cx, row);
    }

    private static void disc(Graphics2D g, int cx, int cy, int d, Color fill, Color stroke, float width) {
        g.setColor(fill);
        g.fillOval(cx - d / 2, cy - d / 2, d, d);
        g.setColor(stroke);
        g.setStroke(new BasicStroke(width));
        g.drawOval(cx - d / 2, cy - d / 2, d, d);
    }

    private static void diamond(Graphics2D g, int cx, int cy, int d) {
        Polygon p = new Polygon(new int[] {cx, cx + d / 2, cx, cx - d / 2}, new int[] {cy - d / 2, cy, cy + d / 2, cy}, 4);
        g.setColor(RolePalette.ATTACKER);
        g.fillPolygon(p);
        g.setColor(new Color(0x6B0000));
        g.setStroke(new BasicStroke(1f));
        g.drawPolygon(p);
    }

    private static void line(Graphics2D g, int cx, int cy, Color c, float width) {
        g.setColor(c);
        g.setStroke(new BasicStroke(width));
        g.draw(new Line2D.Double(cx - 12, cy, cx + 12, cy));
    }

    private static void text(Graphics2D g, String s, int cx, int cy) {
        g.setColor(Color.BLACK);
        g.drawString(s, cx + 22, cy + g.getFontMetrics().getAscent() / 2 - 2);
    }

    private static String ellipsize(String s, FontMetrics fm, int maxWidth) {
        if (fm.stringWidth(s) <= maxWidth) {
            return s;
        }
        String cut = s;
        while (!cut.isEmpty() && fm.stringWidth(cut + "...") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }
}
