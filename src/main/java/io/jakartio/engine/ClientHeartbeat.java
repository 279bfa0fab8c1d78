package io.jakartio.engine;

import java.time.Duration;

/**
 * The heartbeat of an Engine.IO v3 session (a Socket.IO 2.x client): the client sends a PING
 * every {@code pingInterval} and the server answers PONG; if no PING arrives within
 * {@code pingInterval + pingTimeout} of the last one (or of the handshake), the session is dead
 * (engine.io-protocol v4, "From v3 to v4": the direction was reversed in v4). A v4 session uses
 * {@link Heartbeat} instead.
 */
final class ClientHeartbeat {

    private final EngineSocket socket;
    private Scheduler.Cancellable timeoutTask = Scheduler.Cancellable.NONE;
    private boolean stopped;

    /** @param socket the session: its server's scheduler and settings, where the timeout goes */
    ClientHeartbeat(EngineSocket socket) {
        this.socket = socket;
    }

    /** The session opened: the first PING is due within the interval plus the timeout. */
    synchronized void start() {
        scheduleTimeout();
    }

    /** A PING arrived: the client is alive, and waits for the PONG the caller sends. */
    synchronized void onPing() {
        timeoutTask.cancel();
        scheduleTimeout();
    }

    /** Cancels the timer; the heartbeat cannot be restarted. */
    synchronized void stop() {
        stopped = true;
        timeoutTask.cancel();
    }

    private void scheduleTimeout() {
        if (stopped) {
            return;
        }
        EngineServer server = socket.server();
        Duration limit = server.options().pingInterval().plus(server.options().pingTimeout());
        timeoutTask = server.scheduler().schedule(limit, this::expire);
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
