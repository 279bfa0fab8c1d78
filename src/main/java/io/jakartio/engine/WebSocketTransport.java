package io.jakartio.engine;

import io.jakartio.parser.EngineCodec;
import io.jakartio.parser.EnginePacket;
import io.jakartio.parser.EnginePacketType;
import io.jakartio.parser.PacketParseException;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The WebSocket transport: one packet per frame, text or binary (engine.io-protocol,
 * "WebSocket"). At most one send is in flight: the next frame starts when the previous one
 * completed, so the container's session is never written concurrently, and no thread waits.
 *
 * <p>While it is a probe (during an upgrade) it only sends its own packets ({@code 3probe});
 * once {@linkplain #activate() activated} it drains the session's queue.
 */
final class WebSocketTransport extends Transport implements WebSocketHandler {

    private static final int SEND_PENDING = 0;
    private static final int CALLER_RETURNED = 1;
    private static final int COMPLETED_FIRST = 2;

    private final WebSocketConnection connection;
    private final long maxMessageSize;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicInteger sendState = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ArrayDeque<EnginePacket> probeQueue = new ArrayDeque<>(1);
    private final Consumer<Throwable> sent = this::onSent; // one per transport, not per frame
    private volatile boolean active;

    WebSocketTransport(WebSocketConnection connection, long maxMessageSize, boolean active) {
        this.connection = connection;
        this.maxMessageSize = maxMessageSize;
        this.active = active;
    }

    @Override
    TransportType type() {
        return TransportType.WEBSOCKET;
    }

    @Override
    boolean isWritable() {
        return !writing.get();
    }

    /** The upgrade completed: from now on this transport drains the session's queue. */
    void activate() {
        active = true;
    }

    /** Sends a packet of the upgrade handshake, outside the session's queue. */
    void sendProbe(EnginePacket packet) {
        synchronized (probeQueue) {
            probeQueue.add(packet);
        }
        flush();
    }

    @Override
    void flush() {
        if (writing.compareAndSet(false, true)) {
            drain();
        }
    }

    /** Writes packets one at a time while sends complete synchronously; we own {@code writing}. */
    private void drain() {
        while (true) {
            EnginePacket packet = next();
            if (packet == null) {
                connection.flush();
                writing.set(false);
                // A packet queued between next() and set(false) would otherwise wait forever.
                if (hasNext() && writing.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
            if (packet.type() == EnginePacketType.CLOSE) {
                // The session is closing and everything before CLOSE was written.
                writing.set(false);
                socket().onClose(CloseReason.FORCED_CLOSE);
                return;
            }
            sendState.set(SEND_PENDING);
            connection.send(packet, sent);
            if (sendState.compareAndSet(SEND_PENDING, CALLER_RETURNED)) {
                return; // the completion will continue draining
            }
            // Completed before we got here: keep looping on this thread instead of recursing.
        }
    }

    private void onSent(Throwable error) {
        if (error != null) {
            writing.set(false);
            socket().onTransportError(this, error);
            return;
        }
        if (!sendState.compareAndSet(SEND_PENDING, COMPLETED_FIRST)) {
            drain();
        }
    }

    private EnginePacket next() {
        if (!active) {
            synchronized (probeQueue) {
                return probeQueue.poll();
            }
        }
        synchronized (probeQueue) {
            EnginePacket probe = probeQueue.poll();
            if (probe != null) {
                return probe;
            }
        }
        return socket().pollOutbound();
    }

    private boolean hasNext() {
        synchronized (probeQueue) {
            if (!probeQueue.isEmpty()) {
                return true;
            }
        }
        return active && socket().hasOutbound();
    }

    @Override
    void close(CloseReason reason) {
        if (closed.compareAndSet(false, true)) {
            connection.close(1000, reason.wireName());
        }
    }

    // ---- WebSocketHandler: events from the binding ----

    @Override
    public void onText(String frame) {
        if (utf8LengthExceeds(frame, maxMessageSize)) {
            tooBig();
            return;
        }
        try {
            receive(EngineCodec.decodeFrame(frame));
        } catch (PacketParseException e) {
            socket().onParseError(this);
        }
    }

    @Override
    public void onBinary(byte[] frame) {
        if (frame.length > maxMessageSize) {
            tooBig();
            return;
        }
        receive(EngineCodec.decodeFrame(frame));
    }

    @Override
    public void onError(Throwable error) {
        socket().onTransportError(this, error);
    }

    @Override
    public void onClose() {
        closed.set(true);
        socket().onTransportClosed(this);
    }

    /** Whether the UTF-8 encoding of {@code text} is longer than {@code limit} bytes. */
    static boolean utf8LengthExceeds(String text, long limit) {
        int chars = text.length();
        if (chars > limit) {
            return true;
        }
        if ((long) chars * 3 <= limit) {
            return false; // even all three-byte characters would fit
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
            if (bytes > limit) {
                return true;
            }
        }
        return false;
    }

    private void tooBig() {
        if (closed.compareAndSet(false, true)) {
            connection.close(1009, "message too big");
        }
        socket().onTransportError(this, new IllegalStateException("message exceeds maxHttpBufferSize"));
    }
}
