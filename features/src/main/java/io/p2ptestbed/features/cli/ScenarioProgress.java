package io.p2ptestbed.features.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress over scenarios. On a terminal: a live bar naming the running scenario. Otherwise (CI
 * logs, pipes): no carriage returns and no timer-driven redraws, just one plain line per finished
 * scenario with the bar, the count and the outcome.
 */
final class ScenarioProgress implements ProgressPlugin.Listener, AutoCloseable {

    private static final int WIDTH = 110;
    private final ProgressBar bar;
    private final boolean live;

    private ScenarioProgress(ProgressBar bar, boolean live) {
        this.bar = bar;
        this.live = live;
    }

    /** Live bar if stdout is a terminal (override with TESTBED_PROGRESS=plain|bar), else plain lines to {@code out}. */
    static ScenarioProgress start(int total, PrintWriter out, PrintStream terminal) {
        String mode = System.getenv().getOrDefault("TESTBED_PROGRESS", "auto").toLowerCase(Locale.ROOT);
        boolean live = mode.equals("bar") || mode.equals("auto") && System.console() != null
                && !"dumb".equals(System.getenv("TERM")) && System.getenv("CI") == null;
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("scenarios").setInitialMax(total)
                .setStyle(live ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII).setUnit(" scenarios", 1);
        if (live) {
            b.setConsumer(new ConsoleProgressBarConsumer(terminal, WIDTH)).setUpdateIntervalMillis(500);
        } else {
            // the scheduled redraw only fires once at start; lines are printed by refresh() on each step
            b.setConsumer(new DelegatingProgressBarConsumer(line -> {
                out.println(line.stripTrailing());
                out.flush();
            }, WIDTH)).setUpdateIntervalMillis(Integer.MAX_VALUE).hideEta();
        }
        return new ScenarioProgress(b.build(), live);
    }

    @Override
    public synchronized void started(String scenario) {
        if (live) {
            bar.setExtraMessage(shorten("running: " + scenario));
        }
    }

    @Override
    public synchronized void finished(String scenario, String status) {
        String verdict = switch (status) {
            case "PASSED" -> "PASS";
            case "FAILED" -> "FAIL";
            default -> "UNKNOWN (" + status.toLowerCase(Locale.ROOT) + ")";
        };
        if (bar.getCurrent() >= bar.getMax()) {
            bar.maxHint(bar.getCurrent() + 1);
        }
        bar.setExtraMessage(shorten(verdict + ": " + scenario));
        bar.step();
        if (!live) {
            bar.refresh();
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }

    @Override
    public void close() {
        bar.close();
    }
}
