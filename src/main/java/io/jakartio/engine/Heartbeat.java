package io.jakartio.engine;

import java.time.Duration;

/**
 * The server side of the v4 heartbeat (engine.io-protocol, "Heartbeat"): a PING every
 * {@code pingInterval}; if no PONG comes back within {@code pingTimeout}, the session is dead.
 *
 * <p>One per session, so it keeps only its session and two times (the settings are the server's),
 * and it is itself the one {@link Scheduler.Timer} of the session: at any time either the next
 * PING or the PONG's deadline is pending, never both. What a run does follows from the state:
 * awaiting a PONG, it ends the session; else it sends the PING. A run whose time has not come
 * (the timer was moved by a PONG while it was being run) does nothing.
 *
 * <p>Its state is guarded by the session's monitor (held briefly), not by its own: the session
 * uses this object's monitor to deliver inbound messages in order, for as long as the
 * application's handler runs, and a heartbeat run must never wait for that.
 */
final class Heartbeat extends Scheduler.Timer {

    private final EngineSocket socket;
    private boolean stopped;
    /** Whether a PING was sent and its PONG has not come. */
    private boolean awaitingPong;
    /**
     * When the next PING is due, by the scheduler's clock; once sent, when it was due. The session
     * is dead if no PONG came {@code pingTimeout} after it.
     */
    private long pingDueNanos;

    /** @param socket the session: its server's scheduler and settings, where PINGs and timeouts go */
    Heartbeat(EngineSocket socket) {
        this.socket = socket;
    }

    /** Schedules the first PING. */
    void start() {
        synchronized (socket) {
            schedulePing();
        }
    }

    /** A PONG arrived: the client is alive; the next PING comes one interval from now. */
    void onPong() {
        synchronized (socket) {
            if (stopped) {
                return;
            }
            awaitingPong = false;
            schedulePing();
        }
    }

    /**
     * @return whether the PONG is overdue though the timeout has not run yet (a late scheduler
     *     thread): a request arriving now must find the session dead, as it would a moment
     *     later, not depend on which thread runs first
     */
    boolean isOverdue() {
        synchronized (socket) {
            return !stopped && awaitingPong && socket.server().scheduler().nanoTime() - expiresAtNanos() >= 0;
        }
    }

    /** Cancels the timer; the heartbeat cannot be restarted. */
    void stop() {
        synchronized (socket) {
            stopped = true;
            socket.server().scheduler().cancel(this);
        }
    }

    /** The interval elapsed: sends a PING, which the client must answer within the timeout; or the timeout did. */
    @Override
    public void run() {
        Scheduler scheduler = socket.server().scheduler();
        boolean expired;
        synchronized (socket) {
            if (stopped) {
                return;
            }
            long now = scheduler.nanoTime();
            expired = awaitingPong;
            if (expired) {
                if (now - expiresAtNanos() < 0) {
                    return; // not yet: a PONG and a PING came since this run was due
                }
            } else {
                if (now - pingDueNanos < 0) {
                    return; // not yet: a PONG moved the PING while this run was due
                }
                // Counted from when the PING was due, not from when this late-running task
                // sends it: the session's deadline is pingInterval + pingTimeout after the last
                // PONG (or the handshake), as the client reckons it, however late the thread.
                awaitingPong = true;
                scheduler.schedule(this, Duration.ofNanos(Math.max(0, expiresAtNanos() - now)));
            }
        }
        if (expired) {
            socket.onClose(CloseReason.PING_TIMEOUT);
        } else {
            socket.sendPing();
        }
    }

    private void schedulePing() {
        if (!stopped) {
            EngineServer server = socket.server();
            pingDueNanos = server.scheduler().nanoTime() + server.options().pingInterval().toNanos();
            server.scheduler().schedule(this, server.options().pingInterval());
        }
    }

    private long expiresAtNanos() {
        return pingDueNanos + socket.server().options().pingTimeout().toNanos();
    }
}
