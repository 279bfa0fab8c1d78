package io.jakartio.engine;

import java.time.Duration;

/**
 * The server side of the v4 heartbeat (engine.io-protocol, "Heartbeat"): a PING every
 * {@code pingInterval}; if no PONG comes back within {@code pingTimeout}, the session is dead.
 * Timers run on the shared {@link Scheduler}.
 *
 * <p>One per session, so it keeps only its session and its timers (the settings are the
 * server's) and is itself the task that sends the next PING.
 */
final class Heartbeat implements Runnable {

    private final EngineSocket socket;
    private Scheduler.Cancellable pingTask = Scheduler.Cancellable.NONE;
    private Scheduler.Cancellable timeoutTask = Scheduler.Cancellable.NONE;
    private boolean stopped;
    /** When the PING being scheduled is due, by the scheduler's clock. */
    private long pingDueNanos;
    /** Whether a PING was sent and its PONG has not come. */
    private boolean awaitingPong;
    /** When the session is dead if no PONG came: the PING's due time plus {@code pingTimeout}. */
    private long expiresAtNanos;

    /** @param socket the session: its server's scheduler and settings, where PINGs and timeouts go */
    Heartbeat(EngineSocket socket) {
        this.socket = socket;
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
        awaitingPong = false;
        pingTask.cancel();
        schedulePing();
    }

    /**
     * @return whether the PONG is overdue though the timeout task has not run yet (a late
     *     scheduler thread): a request arriving now must find the session dead, as it would a
     *     moment later, not depend on which thread runs first
     */
    synchronized boolean isOverdue() {
        return !stopped && awaitingPong && socket.server().scheduler().nanoTime() - expiresAtNanos >= 0;
    }

    /** Cancels every timer; the heartbeat cannot be restarted. */
    synchronized void stop() {
        stopped = true;
        pingTask.cancel();
        timeoutTask.cancel();
    }

    /** The interval elapsed: sends a PING, which the client must answer within the timeout. */
    @Override
    public void run() {
        EngineServer server = socket.server();
        synchronized (this) {
            if (stopped) {
                return;
            }
            timeoutTask.cancel();
            // Counted from when the PING was due, not from when this late-running task sends
            // it: the session's deadline is pingInterval + pingTimeout after the last PONG (or
            // the handshake), as the client reckons it, however late the scheduler's thread.
            awaitingPong = true;
            expiresAtNanos = pingDueNanos + server.options().pingTimeout().toNanos();
            long left = Math.max(0, expiresAtNanos - server.scheduler().nanoTime());
            timeoutTask = server.scheduler().schedule(Duration.ofNanos(left), this::expire);
        }
        socket.sendPing();
    }

    private void schedulePing() {
        if (!stopped) {
            EngineServer server = socket.server();
            pingDueNanos = server.scheduler().nanoTime() + server.options().pingInterval().toNanos();
            pingTask = server.scheduler().schedule(server.options().pingInterval(), this);
        }
    }

    private void expire() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        socket.onClose(CloseReason.PING_TIMEOUT);
    }
}
