package io.jakartio.engine;

import java.time.Duration;

/**
 * The server side of the v4 heartbeat (engine.io-protocol, "Heartbeat"): a PING every
 * {@code pingInterval}; if no PONG comes back within {@code pingTimeout}, the session is dead.
 * Timers run on the shared {@link Scheduler}.
 */
final class Heartbeat {

    private final Scheduler scheduler;
    private final Duration interval;
    private final Duration timeout;
    private final Runnable sendPing;
    private final Runnable onTimeout;
    private Scheduler.Cancellable pingTask = Scheduler.Cancellable.NONE;
    private Scheduler.Cancellable timeoutTask = Scheduler.Cancellable.NONE;
    private boolean stopped;

    Heartbeat(Scheduler scheduler, Duration interval, Duration timeout, Runnable sendPing, Runnable onTimeout) {
        this.scheduler = scheduler;
        this.interval = interval;
        this.timeout = timeout;
        this.sendPing = sendPing;
        this.onTimeout = onTimeout;
    }

    /** Schedules the first PING. */
    synchronized void start() {
        schedulePing();
    }

    /** A PONG arrived: the client is alive; the next PING comes one interval from now. */
    synchronized void onPong() {
        if (stopped) {
            return;
        }
        timeoutTask.cancel();
        timeoutTask = Scheduler.Cancellable.NONE;
        pingTask.cancel();
        schedulePing();
    }

    /** Cancels every timer; the heartbeat cannot be restarted. */
    synchronized void stop() {
        stopped = true;
        pingTask.cancel();
        timeoutTask.cancel();
    }

    private void schedulePing() {
        if (!stopped) {
            pingTask = scheduler.schedule(interval, this::ping);
        }
    }

    private void ping() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            timeoutTask.cancel();
            timeoutTask = scheduler.schedule(timeout, this::expire);
        }
        sendPing.run();
    }

    private void expire() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        onTimeout.run();
    }
}
