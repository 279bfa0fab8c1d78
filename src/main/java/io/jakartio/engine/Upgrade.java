package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;
import io.jakartio.parser.EnginePacketType;
import java.time.Duration;

/**
 * One attempt to move a polling session onto a WebSocket (engine.io-protocol, "Upgrade"):
 * the client sends {@code 2probe} on the WebSocket, the server answers {@code 3probe} and, 100 ms
 * later if it is still pending, releases the GET with a NOOP ({@code 6}), then the client sends
 * {@code 5} and the
 * WebSocket becomes the session's transport. Anything else, or no {@code 5} within
 * {@code upgradeTimeout}, drops the WebSocket and leaves the session on polling. The client sends
 * {@code 5} only once its last POST was answered, so the timeout counts from that answer when it
 * comes later than the probe: a handler that takes long on the POST's thread does not fail the
 * upgrade (the client, paused for it, would then wait on neither transport).
 *
 * <p>Its {@link Phase} moves only forward: {@code AWAITING_PROBE → PROBED → ENDED}, or straight
 * to {@code ENDED}. While {@code PROBED}, a polling GET is held until the upgrade ends
 * (see {@link PollingTransport#onGet}): refused if it completed, served if it failed.
 */
final class Upgrade {

    /** Where the upgrade stands. */
    enum Phase {
        /** The WebSocket is attached; the client has not pinged it yet. */
        AWAITING_PROBE,
        /** The probe was answered: the client is pausing polling and will send {@code 5}. */
        PROBED,
        /** Completed or abandoned: the session's transport decides what comes next. */
        ENDED
    }

    /** As the reference server's upgrade check: a held GET gets its NOOP after this. */
    static final Duration RELEASE_DELAY = Duration.ofMillis(100);

    private final EngineSocket socket;
    private final WebSocketTransport probe;
    private final Scheduler scheduler;
    private final Duration upgradeTimeout;
    private volatile Scheduler.Cancellable timeout;
    private volatile Phase phase = Phase.AWAITING_PROBE;

    Upgrade(EngineSocket socket, WebSocketTransport probe, Scheduler scheduler, Duration upgradeTimeout) {
        this.socket = socket;
        this.probe = probe;
        this.scheduler = scheduler;
        this.upgradeTimeout = upgradeTimeout;
        this.timeout = scheduler.schedule(upgradeTimeout, this::timedOut);
    }

    WebSocketTransport probe() {
        return probe;
    }

    /** @return whether the probe was answered and the upgrade has not ended yet */
    boolean isProbed() {
        return phase == Phase.PROBED;
    }

    /** Called on the probe's reading thread, one packet at a time. */
    void onPacket(EnginePacket packet) {
        if (packet.type() == EnginePacketType.PING && "probe".equals(packet.data()) && advance(Phase.AWAITING_PROBE, Phase.PROBED)) {
            // PROBED before 3probe goes out: the client may send 5 and a new GET the moment it
            // reads 3probe, and that GET must find the upgrade probed, so that it waits for the
            // 5 (then 400) instead of being taken for a poll from before the probe and released
            // with a NOOP. A GET still pending from before gets its NOOP 100 ms later, as with the
            // reference server: by then the client has read 3probe and paused polling, so this
            // NOOP ends its last poll; released at once, the NOOP would reach a client that has
            // not paused yet, which would poll again and get a second NOOP (socket.io-client's
            // suite counts them: "should not emit a packet twice in the 'connect' handler").
            probe.sendProbe(EnginePacket.pong("probe"));
            scheduler.schedule(RELEASE_DELAY, this::releasePollIfProbed);
        } else if (packet.type() == EnginePacketType.UPGRADE) {
            timeout.cancel();
            phase = Phase.ENDED;
            socket.completeUpgrade(this);
        } else {
            abort();
        }
    }

    /** The timeout, unless a POST answered later (or still in delivery) gives the client longer. */
    private void timedOut() {
        if (phase == Phase.ENDED) {
            return;
        }
        long answeredAt = socket.postAnsweredAt();
        if (answeredAt == Long.MAX_VALUE) {
            timeout = scheduler.schedule(upgradeTimeout, this::timedOut); // the client cannot send 5 yet
            return;
        }
        if (answeredAt != Long.MIN_VALUE) {
            long left = answeredAt + upgradeTimeout.toNanos() - scheduler.nanoTime();
            if (left > 0) {
                timeout = scheduler.schedule(Duration.ofNanos(left), this::timedOut);
                return;
            }
        }
        abort();
    }

    private void releasePollIfProbed() {
        if (isProbed()) {
            socket.releasePoll();
        }
    }

    /**
     * Gives up: the WebSocket is closed, the session stays on polling (unless the upgrade
     * completed meanwhile, when a timeout fires just as the client's UPGRADE arrives).
     */
    void abort() {
        timeout.cancel();
        phase = Phase.ENDED;
        if (socket.clearUpgrade(this)) {
            probe.close(CloseReason.TRANSPORT_ERROR);
        }
    }

    private synchronized boolean advance(Phase from, Phase to) {
        if (phase != from) {
            return false;
        }
        phase = to;
        return true;
    }
}
