package io.p2ptestbed.overlay.transport.netty;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.p2ptestbed.overlay.time.Cancellable;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.time.SystemClock;
import java.util.concurrent.TimeUnit;

/** A node's scheduler on real sockets: the Netty event loop its channel is registered on. */
public final class EventLoopScheduler implements Scheduler {

    private final EventLoop loop;

    public EventLoopScheduler(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public long nowMillis() {
        return SystemClock.INSTANCE.nowMillis();
    }

    @Override
    public long unixMillisAtZero() {
        return SystemClock.INSTANCE.unixMillisAtZero();
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }
}
