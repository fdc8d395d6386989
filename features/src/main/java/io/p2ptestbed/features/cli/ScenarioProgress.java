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
 * logs, pipes, {@code CI} set): no carriage returns and no timer-driven redraws, just one plain line
 * per finished scenario with the bar, the count and the outcome. {@code TESTBED_PROGRESS=bar|plain}
 * overrides the choice.
 */
final class ScenarioProgress implements ProgressPlugin.Listener, AutoCloseable {

    private static final int WIDTH = 120;
    private static final int MESSAGE = 62;
    private final ProgressBar bar;
    private final boolean live;
    private final PrintWriter out;
    private volatile boolean muted;

    private ScenarioProgress(ProgressBarBuilder builder, boolean live, PrintWriter out) {
        this.live = live;
        this.out = out;
        this.bar = builder.build();
    }

    static ScenarioProgress start(int total, PrintWriter out, PrintStream terminal) {
        String mode = System.getenv().getOrDefault("TESTBED_PROGRESS", "auto").toLowerCase(Locale.ROOT);
        boolean live = mode.equals("bar") || mode.equals("auto") && System.console() != null
                && !"dumb".equals(System.getenv("TERM")) && System.getenv("CI") == null;
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("scenarios").setInitialMax(total)
                .setStyle(live ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII);
        ScenarioProgress[] self = new ScenarioProgress[1];
        if (live) {
            b.setConsumer(new ConsoleProgressBarConsumer(terminal, WIDTH)).setUpdateIntervalMillis(500);
        } else {
            // the timer redraws once at start only; refresh() prints a line per finished scenario
            b.setConsumer(new DelegatingProgressBarConsumer(line -> {
                if (self[0] == null || !self[0].muted) {
                    out.println(line.stripTrailing());
                    out.flush();
                }
            }, WIDTH)).setUpdateIntervalMillis(Integer.MAX_VALUE);
        }
        self[0] = new ScenarioProgress(b, live, out);
        return self[0];
    }

    @Override
    public synchronized void started(String scenario) {
        if (live) {
            bar.setExtraMessage(fit("running: " + scenario));
        }
    }

    @Override
    public synchronized void finished(String scenario, String status) {
        String verdict = switch (status) {
            case "PASSED" -> "PASS";
            case "FAILED" -> "FAIL";
            default -> "UNKNOWN/" + status.toLowerCase(Locale.ROOT);
        };
        if (bar.getCurrent() >= bar.getMax()) {
            bar.maxHint(bar.getCurrent() + 1);
        }
        bar.setExtraMessage(fit(verdict + ": " + scenario));
        bar.step();
        if (!live) {
            bar.refresh();
        }
    }

    @Override
    public synchronized void runFinished() {
        if (live) {
            bar.setExtraMessage(fit("writing the report folder..."));
        } else {
            muted = true;
            out.println("writing the report folder (pictures, exports, index.html)...");
            out.flush();
        }
    }

    /** Fixed width, so the bar keeps its length while the message changes. */
    private static String fit(String s) {
        return s.length() <= MESSAGE ? String.format("%-" + MESSAGE + "s", s) : s.substring(0, MESSAGE - 1) + "…";
    }

    @Override
    public void close() {
        muted = true;
        bar.close();
    }
}
