package io.p2ptestbed.reports;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Process-wide settings for image output. GraphStream picks its UI module from the
 * {@code org.graphstream.ui} system property, and Swing/Java2D must run without a display on CI.
 * Called before any GraphStream or XChart use; an explicit {@code -Djava.awt.headless=false} is
 * respected. Setting headless only works before AWT initialises, so wire it early if the JVM
 * also shows windows.
 */
final class Headless {
    /** Held strongly: JUL forgets levels of loggers that get garbage collected. */
    private static final Logger IMAGE_SINK_LOGGER = Logger.getLogger("org.graphstream.stream.file.FileSinkImages");

    private Headless() {
    }

    static synchronized void ensure() {
        System.setProperty("org.graphstream.ui", "swing");
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // FileSinkImages logs an ANSI-escaped "N images written" line at INFO for every image.
        if (IMAGE_SINK_LOGGER.getLevel() == null) {
            IMAGE_SINK_LOGGER.setLevel(Level.WARNING);
        }
    }
}
