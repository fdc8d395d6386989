package io.p2ptestbed.reports;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Image assertions helpers: decode PNGs and find exact colours. */
final class Pixels {
    private Pixels() {
    }

    static BufferedImage decode(Path png) {
        try {
            BufferedImage img = ImageIO.read(png.toFile());
            if (img == null) {
                throw new AssertionError(png + " is not a decodable image");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of pixels of exactly this RGB colour (alpha ignored) inside {@code area}. */
    static int count(BufferedImage img, Color c, Rectangle area) {
        return positions(img, c, area).size();
    }

    static Set<Long> positions(BufferedImage img, Color c, Rectangle area) {
        Set<Long> out = new HashSet<>();
        Rectangle r = area.intersection(new Rectangle(0, 0, img.getWidth(), img.getHeight()));
        int want = c.getRGB() & 0xFFFFFF;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == want) {
                    out.add(((long) x << 32) | y);
                }
            }
        }
        return out;
    }

    static Rectangle all(BufferedImage img) {
        return new Rectangle(0, 0, img.getWidth(), img.getHeight());
    }
}
