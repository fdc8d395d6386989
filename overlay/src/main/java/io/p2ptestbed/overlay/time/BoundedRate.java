package io.p2ptestbed.overlay.time;

import java.util.function.BooleanSupplier;

/**
 * A task repeated at a bounded rate on a scheduler (a flood's sends): {@code perSecond} calls a second until
 * {@code budget} calls were made or {@code millis} passed, whichever comes first. Each tick makes the calls due by
 * then at the rate, so a tick that ran late (a loaded machine) catches up, and the calls never run ahead of the rate.
 */
public final class BoundedRate {

    private BoundedRate() {}

    /**
     * Starts at once (call it on the scheduler's own thread); {@code alive} is asked before every tick, and the
     * repetition stops when it says no.
     */
    public static void run(Scheduler scheduler, int perSecond, long millis, long budget, BooleanSupplier alive, Runnable call) {
        if (perSecond < 1 || millis < 1 || budget < 1) {
            throw new IllegalArgumentException("a bounded rate needs a rate, a duration and a budget of at least 1; got "
                    + perSecond + "/s for " + millis + " ms, " + budget + " calls");
        }
        long gap = Math.max(1, 1000L / perSecond);
        long start = scheduler.nowMillis();
        long[] made = {0};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (!alive.getAsBoolean()) {
                return;
            }
            long due = Math.min(budget, perSecond * (scheduler.nowMillis() - start) / 1000 + 1);
            while (made[0] < due) {
                call.run();
                made[0]++;
            }
            if (made[0] < budget && scheduler.nowMillis() - start + gap < millis) {
                scheduler.schedule(gap, tick[0]);
            }
        };
        tick[0].run();
    }
}
