package io.p2ptestbed.reports;

import java.awt.Color;

/**
 * The colours used for roles and edges, shared by the GraphStream stylesheet, the Java2D legend
 * and tests that look for these exact colours in rendered PNGs.
 */
public final class RolePalette {
    public static final Color HONEST = new Color(0x5B7DB1);
    public static final Color ATTACKER = new Color(0xD62728);
    public static final Color VICTIM = new Color(0xFF9F1C);
    /** Failed nodes are hollow: white fill with this outline. */
    public static final Color FAILED_OUTLINE = new Color(0x111111);
    public static final Color FAILED_FILL = Color.WHITE;
    public static final Color EDGE = new Color(120, 120, 120);
    public static final Color EDGE_TO_ATTACKER = ATTACKER;
    public static final Color VICTIM_EDGE = new Color(0x1F3B73);

    private RolePalette() {
    }

    /** The fill colour of a node with this role. */
    public static Color fill(Role role) {
        return switch (role) {
            case HONEST -> HONEST;
            case ATTACKER -> ATTACKER;
            case VICTIM -> VICTIM;
            case FAILED -> FAILED_FILL;
        };
    }

    /** CSS hex form, {@code #RRGGBB}, optionally with an alpha byte appended. */
    static String hex(Color c, int alpha) {
        String rgb = String.format("#%02X%02X%02X", c.getRed(), c.getGreen(), c.getBlue());
        return alpha >= 255 ? rgb : rgb + String.format("%02X", alpha);
    }

    static String hex(Color c) {
        return hex(c, 255);
    }
}
