package io.p2ptestbed.overlay.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    @Test
    void events_shouldRunInTimeOrderAndSameTimeEventsInSchedulingOrder() {
        VirtualScheduler s = new VirtualScheduler();
        List<String> log = new ArrayList<>();
        s.schedule(30, () -> log.add("c@" + s.nowMillis()));
        s.schedule(10, () -> log.add("a1@" + s.nowMillis()));
        s.schedule(20, () -> log.add("b@" + s.nowMillis()));
        s.schedule(10, () -> log.add("a2@" + s.nowMillis()));
        s.execute(() -> log.add("now@" + s.nowMillis()));
        s.schedule(10, () -> log.add("a3@" + s.nowMillis()));

        s.runUntil(100);

        assertThat(log).containsExactly("now@0", "a1@10", "a2@10", "a3@10", "b@20", "c@30");
        assertThat(s.nowMillis()).isEqualTo(100);
        assertThat(s.executedEvents()).isEqualTo(6);
    }

    @Test
    void eventsScheduledWhileRunning_shouldBeOrderedRelativeToTheCurrentTime() {
        VirtualScheduler s = new VirtualScheduler();
        List<String> log = new ArrayList<>();
        s.schedule(10, () -> {
            log.add("outer@" + s.nowMillis());
            s.schedule(0, () -> log.add("inner0@" + s.nowMillis()));
            s.schedule(5, () -> log.add("inner5@" + s.nowMillis()));
        });
        s.schedule(10, () -> log.add("sibling@" + s.nowMillis()));
        s.schedule(12, () -> log.add("later@" + s.nowMillis()));

        s.runUntil(1_000);

        // The zero-delay event joins the end of the queue for t=10, after the already-scheduled sibling.
        assertThat(log).containsExactly("outer@10", "sibling@10", "inner0@10", "later@12", "inner5@15");
    }

    @Test
    void farEvents_shouldRunByInstantThenSchedulingOrder_likeNearOnes() {
        // Thousands of timers beyond the wheel (4,096 ms), many sharing an instant, some scheduled while
        // others run: each must run at its instant, and same-instant ones in the order they were scheduled.
        VirtualScheduler s = new VirtualScheduler();
        SplittableRandom rng = new SplittableRandom(7);
        List<long[]> ran = new ArrayList<>(); // {instant, scheduling number}
        long[] scheduled = {0};
        for (int i = 0; i < 5_000; i++) {
            long delay = 4_096 + rng.nextLong(200) * 50;
            long n = scheduled[0]++;
            s.schedule(delay, () -> {
                ran.add(new long[] {s.nowMillis(), n});
                if (n % 3 == 0) {
                    long m = scheduled[0]++;
                    long at = s.nowMillis() + 4_096 + (n % 7) * 50;
                    s.schedule(at - s.nowMillis(), () -> ran.add(new long[] {s.nowMillis(), m}));
                }
            });
        }
        s.runUntil(Long.MAX_VALUE / 2);
        assertThat(ran).hasSize((int) scheduled[0]);
        for (int i = 1; i < ran.size(); i++) {
            long[] a = ran.get(i - 1);
            long[] b = ran.get(i);
            assertThat(b[0]).isGreaterThanOrEqualTo(a[0]);
            if (a[0] == b[0]) {
                assertThat(b[1]).as("same instant %d", a[0]).isGreaterThan(a[1]);
            }
        }
    }

    @Test
    void negativeDelays_shouldRunNowNotInThePast() {
        VirtualScheduler s = new VirtualScheduler();
        s.advance(50);
        long[] ranAt = {-1};
        s.schedule(-20, () -> ranAt[0] = s.nowMillis());
        s.advance(0);
        assertThat(ranAt[0]).isEqualTo(50);
    }

    @Test
    void cancelledEvents_shouldNotRun() {
        VirtualScheduler s = new VirtualScheduler();
        List<String> log = new ArrayList<>();
        Cancellable c = s.schedule(10, () -> log.add("cancelled"));
        s.schedule(10, () -> log.add("kept"));
        c.cancel();
        s.runUntil(20);
        assertThat(log).containsExactly("kept");
        assertThat(s.executedEvents()).isEqualTo(1);
    }

    @Test
    void runUntil_shouldRunEventsExactlyAtTheDeadlineButNotAfter() {
        VirtualScheduler s = new VirtualScheduler();
        List<Long> log = new ArrayList<>();
        s.schedule(100, () -> log.add(100L));
        s.schedule(101, () -> log.add(101L));
        s.runUntil(100);
        assertThat(log).containsExactly(100L);
        assertThat(s.pendingEvents()).isEqualTo(1);
        s.advance(1);
        assertThat(log).containsExactly(100L, 101L);
    }

    @Test
    void runUntilCondition_shouldStopAsSoonAsItHoldsAndReportWhenItNeverDoes() {
        VirtualScheduler s = new VirtualScheduler();
        int[] n = {0};
        for (int i = 1; i <= 10; i++) {
            s.schedule(i * 10L, () -> n[0]++);
        }
        assertThat(s.runUntil(() -> n[0] == 3, 1_000)).isTrue();
        assertThat(s.nowMillis()).isEqualTo(30);
        assertThat(s.runUntil(() -> n[0] == 99, 60)).isFalse();
        assertThat(n[0]).isEqualTo(6);
    }

    @Test
    void timeShouldNeverGoBackwards() {
        VirtualScheduler s = new VirtualScheduler();
        s.runUntil(500);
        s.runUntil(100);
        assertThat(s.nowMillis()).isEqualTo(500);
    }

    @Test
    void aRunShouldBeAPureFunctionOfItsSeed() {
        assertThat(trace(7)).isEqualTo(trace(7));
        assertThat(trace(7)).isNotEqualTo(trace(8));
    }

    /** A random cascade of events whose delays come from a seeded generator: the trace is replayable. */
    private static List<String> trace(long seed) {
        VirtualScheduler s = new VirtualScheduler();
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int id = i;
            s.schedule(rng.nextLong(100), new Runnable() {
                int hops;

                @Override
                public void run() {
                    log.add(id + ":" + hops + "@" + s.nowMillis());
                    if (hops++ < 5) {
                        s.schedule(rng.nextLong(20), this);
                    }
                }
            });
        }
        s.runUntil(10_000);
        assertThat(log).hasSize(300);
        return log;
    }
}
