package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;
import io.jakartio.parser.EnginePacketType;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

/**
 * One Engine.IO session: its id, its current transport, its ordered and bounded outbound queue,
 * its heartbeat and its upgrade from polling to WebSocket.
 *
 * <p>Sending is thread-safe and never blocks: packets join the queue and the transport drains it
 * when the wire is free. The queue holds at most {@link EngineOptions#maxBufferedPackets()}
 * packets; a client that falls that far behind is closed with {@link CloseReason#TRANSPORT_ERROR}.
 * The queue is this session's own fields (the class extends the package's queue rather than
 * keeping one), guarded by the session's monitor: held briefly, never while calling out.
 *
 * <p>The session's own monitor is its lock (no lock object per session: a server keeps one
 * session per connection): do not {@code synchronized} on an {@code EngineSocket} in application
 * code, or the session's transport waits for you.
 *
 * <pre>{@code
 * socket.send(List.of(EnginePacket.message("2[\"hi\"]")), false);
 * socket.close(); // delivers what is queued, then closes
 * }</pre>
 */
public final class EngineSocket extends PacketQueue {

    private static final System.Logger LOG = System.getLogger(EngineSocket.class.getName());

    private enum State { OPEN, CLOSING, CLOSED }

    private final String id;
    private final EngineServer server;
    private final EngineRequest request;
    /**
     * The heartbeat; its monitor serializes the delivery of inbound messages to the handler (a
     * private object that locks its own state with this session's monitor, not its own), so no
     * lock object of its own per session.
     */
    private final Heartbeat heartbeat;
    /** The v3 heartbeat (the client pings), or {@code null} for a v4 session. */
    private final ClientHeartbeat clientHeartbeat;
    /** 3 or 4: a byte, so that the session's fields fit in 56 bytes rather than 64. */
    private final byte protocol;
    private Transport transport;
    private Upgrade upgrade;
    private boolean upgraded;
    private State state = State.OPEN;
    /**
     * The upper layer's handler of this session, from {@link EngineHandler#onOpen}. Until that
     * returned: {@code null}, or a {@link ClosedDuringOpen} keeping the reason of a close that
     * came meanwhile, so that the handler is still told. Written under this session's monitor.
     */
    private volatile SessionHandler handler;

    EngineSocket(String id, EngineServer server, EngineRequest request, Transport transport, int protocol) {
        this.id = id;
        this.server = server;
        this.request = request;
        this.transport = transport;
        this.protocol = (byte) protocol;
        this.heartbeat = new Heartbeat(this);
        this.clientHeartbeat = protocol == 3 ? new ClientHeartbeat(this) : null;
        transport.attach(this);
    }

    /** @return the session id ({@code sid}) */
    public String id() {
        return id;
    }

    /**
     * @return the revision of the Engine.IO protocol the client speaks, from its {@code EIO}
     *     query parameter: 4, or 3 for a Socket.IO 2.x client (accepted with
     *     {@link EngineOptions#allowEIO3()})
     */
    public int protocol() {
        return protocol;
    }

    /** @return the handshake request that opened the session */
    public EngineRequest request() {
        return request;
    }

    /** @return the transport currently carrying the session */
    public TransportType transport() {
        synchronized (this) {
            return transport.type();
        }
    }

    /** @return whether the session is open (not closing or closed) */
    public boolean isOpen() {
        synchronized (this) {
            return state == State.OPEN;
        }
    }

    /**
     * Queues packets to send, in order and contiguously (a Socket.IO packet and its binary
     * attachments are never interleaved with other packets).
     *
     * @param packets the packets
     * @param volatileSend if true, the packets are dropped unless the wire is free right now
     * @return whether the packets were queued
     */
    public boolean send(List<EnginePacket> packets, boolean volatileSend) {
        Transport target;
        boolean overflow = false;
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            target = transport;
            if (volatileSend && (!queueIsEmpty() || !target.isWritable())) {
                return false;
            }
            if (queueSize() + packets.size() > server.options().maxBufferedPackets()) {
                overflow = true;
            } else if (packets.size() == 1) {
                queue(packets.get(0)); // the common case: no toArray copy
            } else {
                queueAll(packets);
            }
        }
        if (overflow) {
            LOG.log(Level.WARNING, "closing session {0}: more than {1} packets queued (slow client)",
                    id, server.options().maxBufferedPackets());
            onClose(CloseReason.TRANSPORT_ERROR, new TransportError("more than "
                    + server.options().maxBufferedPackets() + " packets queued (slow client)"));
            return false;
        }
        server.flusher().schedule(target);
        return true;
    }

    /**
     * Closes the session from the server side: packets already queued are delivered first.
     * The {@link SessionHandler#onClose} reason is {@link CloseReason#FORCED_CLOSE}.
     */
    public void close() {
        Transport target;
        Upgrade abandoned;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
            queue(EnginePacket.close());
            target = transport;
            abandoned = upgrade;
            upgrade = null;
        }
        if (abandoned != null) {
            abandoned.abort();
        }
        if (target.type() == TransportType.POLLING) {
            server.scheduler().schedule(server.options().pollingCloseTimeout(),
                    () -> onClose(CloseReason.FORCED_CLOSE));
        }
        target.flush();
    }

    // ---- package-private: used by the server and the transports ----

    /**
     * Queues the OPEN packet, starts the heartbeat and asks the upper layer for the session's
     * handler. OPEN is queued first, so that packets sent in {@code onOpen} follow it.
     */
    void open(String handshakeJson, EngineHandler upper) {
        sendControl(EnginePacket.open(handshakeJson));
        String initialPacket = server.options().initialPacket();
        if (initialPacket != null) { // Node's initialPacket: the first message, before "connection"
            sendControl(EnginePacket.message(initialPacket));
        }
        if (clientHeartbeat != null) {
            clientHeartbeat.start();
        } else {
            heartbeat.start();
        }
        SessionHandler opened = Objects.requireNonNull(upper.onOpen(this), "EngineHandler.onOpen returned null");
        ClosedDuringOpen closedMeanwhile = null;
        synchronized (this) {
            if (handler instanceof ClosedDuringOpen closed) {
                closedMeanwhile = closed;
            }
            handler = opened;
        }
        if (closedMeanwhile != null) { // e.g. onOpen queued more than maxBufferedPackets
            opened.onClose(closedMeanwhile.reason(), closedMeanwhile.description());
        }
    }

    /** @return the next packet to write, or {@code null} if the queue is empty */
    EnginePacket pollOutbound() {
        synchronized (this) {
            return pollQueued();
        }
    }

    /** @return every queued packet, removed from the queue */
    List<EnginePacket> drainOutbound() {
        synchronized (this) {
            return drainQueued();
        }
    }

    /** @return whether packets are waiting */
    boolean hasOutbound() {
        synchronized (this) {
            return !queueIsEmpty();
        }
    }

    /** @return whether the polling transport was probed by a WebSocket that is upgrading */
    boolean isProbed() {
        synchronized (this) {
            return upgrade != null && upgrade.isProbed();
        }
    }

    /** @return whether an upgrade is under way or done (a second WebSocket is refused) */
    boolean isUpgradingOrUpgraded() {
        synchronized (this) {
            return upgrade != null || upgraded;
        }
    }

    /**
     * Starts an upgrade to the given WebSocket (engine.io-protocol, "Upgrade").
     *
     * @return whether the upgrade may proceed
     */
    boolean startUpgrade(WebSocketTransport probe) {
        synchronized (this) {
            if (state != State.OPEN || upgrade != null || upgraded || transport.type() != TransportType.POLLING) {
                return false;
            }
            probe.attach(this);
            upgrade = new Upgrade(this, probe, server.scheduler(), server.options().upgradeTimeout());
        }
        return true;
    }

    /** The WebSocket completed the upgrade: it becomes the transport, polling is discarded. */
    void completeUpgrade(Upgrade completed) {
        Transport old;
        synchronized (this) {
            if (upgrade != completed || state != State.OPEN) {
                return;
            }
            old = transport;
            transport = completed.probe();
            upgrade = null;
            upgraded = true;
            completed.probe().activate();
        }
        ((PollingTransport) old).discard();
        completed.probe().flush();
    }

    /**
     * Forgets an upgrade that failed or timed out.
     *
     * @return whether its probe may be closed: false if the upgrade completed meanwhile
     */
    boolean clearUpgrade(Upgrade failed) {
        synchronized (this) {
            if (upgrade == failed) {
                upgrade = null;
            }
            return transport != failed.probe();
        }
    }

    /**
     * @return when the polling transport last answered a POST ({@link PollingTransport#postAnsweredAt()}),
     *     or {@code Long.MIN_VALUE} if the session is not polling
     */
    long postAnsweredAt() {
        Transport current;
        synchronized (this) {
            current = transport;
        }
        return current instanceof PollingTransport polling ? polling.postAnsweredAt() : Long.MIN_VALUE;
    }

    /** Releases a pending polling GET with a NOOP so the client can finish its upgrade. */
    void releasePoll() {
        Transport current;
        synchronized (this) {
            current = transport;
        }
        if (current instanceof PollingTransport polling) {
            polling.releaseWithNoop();
        }
    }

    /** Handles a packet received on one of this session's transports. */
    void onPacket(Transport from, EnginePacket packet) {
        Upgrade pending;
        Transport current;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            pending = upgrade;
            current = transport;
        }
        if (pending != null && from == pending.probe()) {
            pending.onPacket(packet);
            return;
        }
        if (from != current) {
            return; // a discarded transport
        }
        switch (packet.type()) {
            case PONG -> {
                if (clientHeartbeat == null) {
                    heartbeat.onPong();
                } else {
                    LOG.log(Level.DEBUG, "session {0}: v3 client sent a PONG (v4 heartbeat direction)", id);
                    onClose(CloseReason.TRANSPORT_ERROR);
                }
            }
            case MESSAGE -> deliver(packet);
            case CLOSE -> onClose(CloseReason.TRANSPORT_CLOSE);
            case PING -> {
                if (clientHeartbeat != null) {
                    clientHeartbeat.onPing(); // v3: the client pings, the server answers
                    sendControl(EnginePacket.pong(""));
                } else {
                    LOG.log(Level.DEBUG, "session {0}: client sent a PING (v3 heartbeat direction)", id);
                    onClose(CloseReason.TRANSPORT_ERROR);
                }
            }
            default -> { } // OPEN, UPGRADE and NOOP from a client mean nothing here
        }
    }

    /**
     * Ends the session for {@link CloseReason#PING_TIMEOUT} if its PONG is overdue though the
     * heartbeat's timeout task has not run yet (engine.io-protocol, "Heartbeat").
     *
     * @return whether the session is (now) closed for it
     */
    boolean expireIfPongOverdue() {
        if (!heartbeat.isOverdue()) {
            return false;
        }
        onClose(CloseReason.PING_TIMEOUT);
        return true;
    }

    /** Ends the session at once, for the given reason; idempotent. */
    void onClose(CloseReason reason) {
        onClose(reason, null);
    }

    /**
     * Ends the session at once; idempotent.
     *
     * @param description what went wrong, or {@code null}; a transport error always gets one
     */
    void onClose(CloseReason reason, TransportError description) {
        TransportError described = reason == CloseReason.TRANSPORT_ERROR ? TransportError.of(description) : null;
        Transport current;
        Upgrade abandoned;
        SessionHandler told;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            clearQueue();
            current = transport;
            abandoned = upgrade;
            upgrade = null;
            told = handler;
            if (told == null) {
                handler = new ClosedDuringOpen(reason, described); // open() tells the handler once it has it
            }
        }
        heartbeat.stop();
        if (clientHeartbeat != null) {
            clientHeartbeat.stop();
        }
        if (abandoned != null) {
            abandoned.abort();
        }
        current.close(reason);
        server.remove(this);
        if (told != null) {
            told.onClose(reason, described);
        }
    }

    /**
     * One of this session's transports broke or ended: an I/O error or an aborted request
     * ({@link CloseReason#TRANSPORT_ERROR}), something that is not a packet
     * ({@link CloseReason#PARSE_ERROR}), its connection closed by itself
     * ({@link CloseReason#TRANSPORT_CLOSE}). Where it ends depends on which transport it is:
     * the probe of an upgrade under way only abandons the upgrade (the session stays on
     * polling); the current transport closes the session for {@code reason}; a transport
     * already replaced or abandoned is ignored.
     *
     * @param from the transport
     * @param reason the session's close reason, should {@code from} be its current transport
     * @param cause the failure, or {@code null} for a parse error or a close
     */
    void onTransportEnd(Transport from, CloseReason reason, Throwable cause) {
        Upgrade pending;
        Transport current;
        synchronized (this) {
            pending = upgrade;
            current = transport;
        }
        if (pending != null && from == pending.probe()) {
            pending.abort();
        } else if (from == current) {
            if (cause != null) {
                LOG.log(Level.DEBUG, "session " + id + ": " + reason.wireName(), cause);
            }
            onClose(reason, reason == CloseReason.TRANSPORT_ERROR ? TransportError.of(cause) : null);
        }
    }

    EngineServer server() {
        return server;
    }

    /** The heartbeat's PING. */
    void sendPing() {
        sendControl(EnginePacket.ping(""));
    }

    Transport currentTransport() {
        synchronized (this) {
            return transport;
        }
    }

    private void deliver(EnginePacket packet) {
        synchronized (heartbeat) {
            SessionHandler target = handler;
            if (target == null) {
                return; // cannot happen: the client learns the sid only after onOpen returned
            }
            if (packet.isBinary()) {
                target.onBinary(packet.binaryData());
            } else {
                target.onMessage(packet.data());
            }
        }
    }

    /** Queues a control packet (OPEN, PING) regardless of the queue bound. */
    private void sendControl(EnginePacket packet) {
        Transport target;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            queue(packet);
            target = transport;
        }
        target.flush();
    }

    /**
     * Stands in for the handler while {@link EngineHandler#onOpen} runs, if the session closed
     * meanwhile: it keeps the reason and ignores everything.
     */
    private record ClosedDuringOpen(CloseReason reason, TransportError description) implements SessionHandler {
        @Override
        public void onMessage(String text) {
        }

        @Override
        public void onBinary(byte[] data) {
        }

        @Override
        public void onClose(CloseReason closeReason) {
        }
    }
}
