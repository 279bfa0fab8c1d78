package io.jakartio.engine;

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
        pingTask.cancel();
        schedulePing();
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
            timeoutTask = server.scheduler().schedule(server.options().pingTimeout(), this::expire);
        }
        socket.sendPing();
    }

    private void schedulePing() {
        if (!stopped) {
            EngineServer server = socket.server();
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
