package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;
import io.jakartio.parser.EnginePacketType;
import java.time.Duration;

/**
 * One attempt to move a polling session onto a WebSocket (engine.io-protocol, "Upgrade"):
 * the client sends {@code 2probe} on the WebSocket, the server answers {@code 3probe} and
 * releases the pending GET with a NOOP ({@code 6}), then the client sends {@code 5} and the
 * WebSocket becomes the session's transport. Anything else, or no {@code 5} within
 * {@code upgradeTimeout}, drops the WebSocket and leaves the session on polling.
 */
final class Upgrade {

    private final EngineSocket socket;
    private final WebSocketTransport probe;
    private final Scheduler.Cancellable timeout;
    private volatile boolean probed;

    Upgrade(EngineSocket socket, WebSocketTransport probe, Scheduler scheduler, Duration upgradeTimeout) {
        this.socket = socket;
        this.probe = probe;
        this.timeout = scheduler.schedule(upgradeTimeout, this::abort);
    }

    WebSocketTransport probe() {
        return probe;
    }

    /** @return whether the probe was answered (polling GETs now get a NOOP at once) */
    boolean isProbed() {
        return probed;
    }

    void onPacket(EnginePacket packet) {
        if (packet.type() == EnginePacketType.PING && "probe".equals(packet.data()) && !probed) {
            probe.sendProbe(EnginePacket.pong("probe"));
            probed = true;
            socket.releasePoll();
        } else if (packet.type() == EnginePacketType.UPGRADE) {
            timeout.cancel();
            socket.completeUpgrade(this);
        } else {
            abort();
        }
    }

    /**
     * Gives up: the WebSocket is closed, the session stays on polling (unless the upgrade
     * completed meanwhile, when a timeout fires just as the client's UPGRADE arrives).
     */
    void abort() {
        timeout.cancel();
        if (socket.clearUpgrade(this)) {
            probe.close(CloseReason.TRANSPORT_ERROR);
        }
    }
}
