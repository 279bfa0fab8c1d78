package io.jakartio.engine;

import io.jakartio.parser.EngineCodec;
import io.jakartio.parser.EnginePacket;
import io.jakartio.parser.EnginePacketType;
import io.jakartio.parser.PacketParseException;
import io.jakartio.websocket.WebSocketProtocol;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The WebSocket transport: one packet per frame, text or binary (engine.io-protocol,
 * "WebSocket"). At most one send is in flight: the next frame starts when the previous one
 * completed, so the container's session is never written concurrently, and no thread waits.
 *
 * <p>The binding enforces {@code maxHttpBufferSize} where the bytes arrive (the native frame
 * reader, the JSR-356 message assembler) and reports a message over it as a
 * {@link PayloadTooLargeException}; the transport then closes with
 * {@link WebSocketProtocol#CLOSE_TOO_BIG} and the session ends with
 * {@link CloseReason#TRANSPORT_ERROR}, as a polling POST over the limit does.
 *
 * <p>While it is a probe (during an upgrade) it only sends its own packets ({@code 3probe});
 * once {@linkplain #activate() activated} it drains the session's queue.
 */
class WebSocketTransport extends Transport implements WebSocketHandler, Consumer<Throwable> {

    private static final int SEND_PENDING = 0;
    private static final int CALLER_RETURNED = 1;
    private static final int COMPLETED_FIRST = 2;

    /** {@link #closeState}: the connection is open. */
    private static final byte OPEN = 0;
    /** {@link #closeState}: a message was too big; the close that follows says so. */
    private static final byte TOO_BIG = 1;
    /** {@link #closeState}: closed, by the engine or by the peer. */
    private static final byte CLOSED = 2;

    // Atomic fields rather than Atomic* objects: a transport per connection, thousands at a time.
    private static final VarHandle WRITING;
    private static final VarHandle SEND_STATE;
    private static final VarHandle CLOSE_STATE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            WRITING = lookup.findVarHandle(WebSocketTransport.class, "writing", boolean.class);
            SEND_STATE = lookup.findVarHandle(WebSocketTransport.class, "sendState", int.class);
            CLOSE_STATE = lookup.findVarHandle(WebSocketTransport.class, "closeState", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WebSocketConnection connection;
    private volatile boolean writing;
    private volatile int sendState;
    private volatile byte closeState = OPEN;
    /**
     * The packets of an upgrade's handshake ({@code 3probe}), sent outside the session's queue;
     * made by the first {@link #sendProbe} (a WebSocket-only session never has any). Created
     * and used under this transport's monitor; volatile so that the writer can see without
     * locking that there is none.
     */
    private volatile ArrayDeque<EnginePacket> probeQueue;
    private volatile boolean active;

    WebSocketTransport(WebSocketConnection connection, boolean active) {
        this.connection = connection;
        this.active = active;
    }

    /**
     * @param v3 the framing of a v3 session's frames, or {@code null} for v4
     * @return a v4 transport, or a v3 one (a subclass: a v4 transport keeps no v3 field, 8 bytes a session)
     */
    static WebSocketTransport of(WebSocketConnection connection, boolean active, V3Framing v3) {
        return v3 == null ? new WebSocketTransport(connection, active) : new V3(connection, active, v3);
    }

    /** @return the framing of a v3 session, or {@code null} for v4 */
    V3Framing v3() {
        return null;
    }

    @Override
    TransportType type() {
        return TransportType.WEBSOCKET;
    }

    @Override
    boolean isWritable() {
        return !writing;
    }

    /** The upgrade completed: from now on this transport drains the session's queue. */
    void activate() {
        active = true;
    }

    /** Sends a packet of the upgrade handshake, outside the session's queue. */
    void sendProbe(EnginePacket packet) {
        synchronized (this) {
            ArrayDeque<EnginePacket> probes = probeQueue;
            if (probes == null) {
                probes = new ArrayDeque<>(2);
                probeQueue = probes;
            }
            probes.add(packet);
        }
        flush();
    }

    @Override
    void flush() {
        if (WRITING.compareAndSet(this, false, true)) {
            drain();
        }
    }

    /** Writes packets one at a time while sends complete synchronously; we own {@code writing}. */
    private void drain() {
        while (true) {
            EnginePacket packet = next();
            if (packet == null) {
                connection.flush();
                writing = false;
                // A packet queued between next() and writing = false would otherwise wait forever.
                if (hasNext() && WRITING.compareAndSet(this, false, true)) {
                    continue;
                }
                return;
            }
            if (packet.type() == EnginePacketType.CLOSE) {
                // The session is closing and everything before CLOSE was written.
                writing = false;
                socket().onClose(CloseReason.FORCED_CLOSE);
                return;
            }
            sendState = SEND_PENDING;
            V3Framing v3 = v3();
            if (v3 == null) {
                connection.send(packet, this); // completes through accept(): one callback for every frame
            } else {
                v3.send(connection, packet, this);
            }
            if (SEND_STATE.compareAndSet(this, SEND_PENDING, CALLER_RETURNED)) {
                return; // the completion will continue draining
            }
            // Completed before we got here: keep looping on this thread instead of recursing.
        }
    }

    /**
     * A frame was sent ({@code error} is {@code null}) or failed: the transport is itself the
     * completion callback of its frames (no callback object per frame, nor per transport).
     */
    @Override
    public void accept(Throwable error) {
        if (error != null) {
            writing = false;
            socket().onTransportEnd(this, CloseReason.TRANSPORT_ERROR, error);
            return;
        }
        if (!SEND_STATE.compareAndSet(this, SEND_PENDING, COMPLETED_FIRST)) {
            drain();
        }
    }

    private EnginePacket next() {
        ArrayDeque<EnginePacket> probes = probeQueue;
        if (probes != null) {
            synchronized (this) {
                EnginePacket probe = probes.poll();
                if (probe != null) {
                    return probe;
                }
            }
        }
        return active ? socket().pollOutbound() : null;
    }

    private boolean hasNext() {
        ArrayDeque<EnginePacket> probes = probeQueue;
        if (probes != null) {
            synchronized (this) {
                if (!probes.isEmpty()) {
                    return true;
                }
            }
        }
        return active && socket().hasOutbound();
    }

    @Override
    void close(CloseReason reason) {
        if (CLOSE_STATE.compareAndSet(this, OPEN, CLOSED)) {
            connection.close(WebSocketProtocol.CLOSE_NORMAL, reason.wireName());
        } else if (CLOSE_STATE.compareAndSet(this, TOO_BIG, CLOSED)) {
            // the code alone, as the reference server's ws (the official client reports an empty reason)
            connection.close(WebSocketProtocol.CLOSE_TOO_BIG, "");
        }
    }

    // ---- WebSocketHandler: events from the binding ----

    @Override
    public void onText(String frame) {
        V3Framing v3 = v3();
        try {
            receive(v3 == null ? EngineCodec.decodeFrame(frame) : v3.decodeFrame(frame));
        } catch (PacketParseException e) {
            socket().onTransportEnd(this, CloseReason.PARSE_ERROR, null);
        }
    }

    @Override
    public void onBinary(byte[] frame) {
        V3Framing v3 = v3();
        if (v3 == null) {
            receive(EngineCodec.decodeFrame(frame));
            return;
        }
        try {
            receive(v3.decodeFrame(frame));
        } catch (PacketParseException e) {
            socket().onTransportEnd(this, CloseReason.PARSE_ERROR, null);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (error instanceof PayloadTooLargeException) {
            // Whoever closes this transport now (the session closing, an upgrade abandoned)
            // closes with 1009; closing for TRANSPORT_ERROR first means a container that reports
            // its own close synchronously cannot make it look like the peer's TRANSPORT_CLOSE.
            CLOSE_STATE.compareAndSet(this, OPEN, TOO_BIG);
            socket().onTransportEnd(this, CloseReason.TRANSPORT_ERROR, error);
            close(CloseReason.TRANSPORT_ERROR); // if no one did: a transport already replaced
            return;
        }
        socket().onTransportEnd(this, CloseReason.TRANSPORT_ERROR, error);
    }

    @Override
    public void onClose() {
        closeState = CLOSED;
        socket().onTransportEnd(this, CloseReason.TRANSPORT_CLOSE, null);
    }

    /** The transport of a v3 session's WebSocket: its frames are framed the v3 way. */
    private static final class V3 extends WebSocketTransport {
        private final V3Framing framing;

        V3(WebSocketConnection connection, boolean active, V3Framing framing) {
            super(connection, active);
            this.framing = framing;
        }

        @Override
        V3Framing v3() {
            return framing;
        }
    }
}
