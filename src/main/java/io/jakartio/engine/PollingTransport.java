package io.jakartio.engine;

import io.jakartio.parser.EngineCodec;
import io.jakartio.parser.EnginePacket;
import io.jakartio.parser.EnginePacketType;
import io.jakartio.parser.PacketParseException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * HTTP long-polling (engine.io-protocol, "HTTP long-polling"): a GET waits until packets are
 * queued and takes them all as one payload; a POST carries packets from the client. At most one
 * GET and one POST may be active at a time; an overlapping request closes the session.
 */
final class PollingTransport extends Transport {

    private static final String TEXT = "text/plain; charset=UTF-8";
    /**
     * How long packets for a pending GET wait for a POST in delivery to be answered (see
     * {@link #onPost}). A handler that is quick is answered well within it, and its replies leave
     * after "ok"; one that blocks (a database call on the POST's thread) does not hold the
     * client's pings and broadcasts for longer than this.
     */
    static final Duration POST_HOLD = Duration.ofMillis(100);

    /** The framing of a v3 session's payloads, or {@code null} for v4. */
    private final V3Framing v3;
    private volatile PendingGet pendingGet; // written under this; read without it by isWritable
    private boolean postActive;
    /**
     * POSTs whose packets are being delivered or whose "ok" is being written: until none is, or
     * for at most {@link #POST_HOLD}, a GET is not answered with what they made the handler send
     * (see {@link #onPost}).
     */
    private int postsInDelivery;
    /** The scheduler's time at which the last POST was answered, or {@code Long.MIN_VALUE}. */
    private long postAnsweredAt = Long.MIN_VALUE;
    /** Whether a flush held by a POST in delivery is scheduled to go anyway after {@link #POST_HOLD}. */
    private boolean holdEnding;
    /** When it goes, by the scheduler's clock. */
    private long holdEndsAt;
    /** The timer that ends a hold, made at the first one. */
    private HoldEnd holdEnd;
    private boolean discarded;
    private CloseReason closed;

    /** Ends a hold: flushes what a POST that is taking long held back. */
    private final class HoldEnd extends Scheduler.Timer {
        @Override
        public void run() {
            flush(true);
        }
    }

    /** @param encoding the content coding the GET accepts for a compressed payload, or {@code null} */
    private record PendingGet(PollingExchange exchange, Map<String, String> headers, String encoding) {
    }

    /** A transport of a v4 session. */
    PollingTransport() {
        this(null);
    }

    /** @param v3 the framing of a v3 session's payloads, or {@code null} for v4 */
    PollingTransport(V3Framing v3) {
        this.v3 = v3;
    }

    @Override
    TransportType type() {
        return TransportType.POLLING;
    }

    @Override
    boolean isWritable() {
        // Not synchronized: the session calls this under its own lock, while flush() takes this
        // transport's lock and then the session's; taking both in opposite orders could deadlock.
        return pendingGet != null;
    }

    /** A GET arrived that takes no compressed payload. */
    void onGet(PollingExchange exchange, Map<String, String> headers) {
        onGet(exchange, headers, null);
    }

    /**
     * A GET arrived: answer now if packets wait, else hold it.
     *
     * @param encoding the content coding it accepts ({@link HttpCompression#encoding}), or {@code null}
     */
    void onGet(PollingExchange exchange, Map<String, String> headers, String encoding) {
        boolean overlap;
        boolean late;
        CloseReason closedBy;
        synchronized (this) {
            closedBy = closed;
            late = discarded || closedBy != null;
            overlap = !late && pendingGet != null;
            if (!late && !overlap) {
                pendingGet = new PendingGet(exchange, headers, encoding);
            }
        }
        if (late) {
            // The GET looked the session up just before it closed or upgraded: answer it as if
            // it had been pending then, instead of holding it until the container times out.
            // A client close gets its NOOP, a server close its CLOSE; after a failure (timeout,
            // error) the session is simply gone, as it would be for a GET a moment later.
            if (closedBy == CloseReason.TRANSPORT_CLOSE || closedBy == CloseReason.FORCED_CLOSE
                    || closedBy == CloseReason.SERVER_SHUTTING_DOWN) {
                EnginePacket last = closedBy == CloseReason.TRANSPORT_CLOSE ? EnginePacket.noop() : EnginePacket.close();
                // This GET is the one the client's close raced: the NOOP is given once, here.
                socket().server().forgetClientClose(socket().id());
                exchange.respond(payload(List.of(last), headers));
            } else if (closedBy != null) {
                exchange.respond(HttpResponse.text(400, "application/json",
                        EngineServer.errorBody(EngineError.UNKNOWN_SID), headers));
            } else {
                exchange.respond(HttpResponse.text(400, "application/json",
                        EngineServer.errorBody(EngineError.BAD_REQUEST), headers));
            }
            return;
        }
        if (overlap) {
            // Overlapping polls break ordering (engine.io-protocol, "Receiving data").
            exchange.respond(HttpResponse.text(400, "application/json",
                    EngineServer.errorBody(EngineError.BAD_REQUEST), headers));
            socket().onTransportEnd(this, CloseReason.TRANSPORT_ERROR,
                    new TransportError("overlap from client"));
            return;
        }
        exchange.onAbort(() -> onAbort(exchange));
        if (!socket().hasOutbound() && socket().isProbed()) {
            // A poll after the probe (engine.io-protocol, "Upgrade"): the client may have sent
            // it just after its 5, still unread on the WebSocket, so it waits for the upgrade
            // to end: refused if it completes (see discard), an ordinary poll if it fails. A
            // client that polled before reading 3probe waits for this poll to end before it
            // sends 5, so, like the reference server's 100 ms upgrade check, a poll still held
            // then by a probed upgrade gets a NOOP.
            socket().server().scheduler().schedule(Upgrade.RELEASE_DELAY, this::releaseIfStillProbed);
        } else {
            flush();
        }
    }

    /** A POST arrived with the given body. */
    void onPost(PollingExchange exchange, Map<String, String> headers, byte[] body) {
        onPost(exchange, headers, body, false);
    }

    /**
     * A POST arrived with the given body.
     *
     * @param binaryBody whether it was sent as {@code application/octet-stream}: a v3 binary payload
     */
    void onPost(PollingExchange exchange, Map<String, String> headers, byte[] body, boolean binaryBody) {
        EngineSocket socket = socket();
        boolean overlap;
        synchronized (this) {
            overlap = postActive;
            postActive = true;
        }
        if (overlap) {
            exchange.respond(HttpResponse.text(400, "application/json",
                    EngineServer.errorBody(EngineError.BAD_REQUEST), headers));
            socket.onTransportEnd(this, CloseReason.TRANSPORT_ERROR,
                    new TransportError("data request overlap from client"));
            return;
        }
        List<EnginePacket> packets;
        try {
            packets = v3 != null ? v3.decodePost(body, binaryBody)
                    : EngineCodec.decodePayload(new String(body, StandardCharsets.UTF_8));
        } catch (PacketParseException e) {
            synchronized (this) {
                postActive = false;
            }
            exchange.respond(HttpResponse.text(400, "application/json",
                    EngineServer.errorBody(EngineError.BAD_REQUEST), headers));
            socket.onClose(CloseReason.PARSE_ERROR);
            return;
        }
        synchronized (this) {
            postsInDelivery++;
        }
        try {
            // Deliver before answering, as the reference server does: the client sends its next
            // POST, or completes an upgrade, as soon as it reads "ok".
            for (EnginePacket packet : packets) {
                if (packet.type() == EnginePacketType.CLOSE) {
                    socket.onClose(CloseReason.TRANSPORT_CLOSE);
                    break;
                }
                receive(packet);
            }
        } finally {
            synchronized (this) {
                postActive = false;
            }
            try {
                exchange.respond(HttpResponse.text(200, TEXT, "ok", headers));
            } finally {
                synchronized (this) {
                    postsInDelivery--;
                    postAnsweredAt = socket.server().scheduler().nanoTime();
                    if (postsInDelivery == 0 && holdEnding) {
                        holdEnding = false; // the flush below sends what was held
                        socket.server().scheduler().cancel(holdEnd);
                    }
                }
                // What the packets made the handler send leaves only now, after "ok", as from the
                // reference server, whose Socket.IO layer handles a packet on the next tick, after
                // the POST was answered. A client given the answer first still has its POST in
                // flight: what it sends in reply waits for "ok", and if it reads 3probe meanwhile,
                // for the whole upgrade (up to the 100 ms upgrade check), which the official
                // client suite's 50 and 100 ms budgets do not allow. A delivery that takes longer
                // than POST_HOLD lets them go before (see flush): the reference server's handlers
                // never block, and its POST is answered while an asynchronous one is still busy.
                flush();
            }
        }
    }

    @Override
    void flush() {
        flush(false);
    }

    /** @param afterHold whether a POST in delivery has held the packets for {@link #POST_HOLD} already */
    private void flush(boolean afterHold) {
        PendingGet get;
        List<EnginePacket> packets;
        synchronized (this) {
            if (afterHold) {
                Scheduler scheduler = socket().server().scheduler();
                if (!holdEnding || scheduler.nanoTime() - holdEndsAt < 0) {
                    return; // a run of a cancelled (or moved) timer that was due already
                }
                holdEnding = false;
            }
            if (pendingGet == null) {
                return;
            }
            if (postsInDelivery > 0 && !afterHold) {
                // A POST in delivery flushes when it has been answered, or this when it takes long.
                if (!holdEnding && socket().hasOutbound()) {
                    Scheduler scheduler = socket().server().scheduler();
                    if (holdEnd == null) {
                        holdEnd = new HoldEnd();
                    }
                    holdEnding = true;
                    holdEndsAt = scheduler.nanoTime() + POST_HOLD.toNanos();
                    scheduler.schedule(holdEnd, POST_HOLD);
                }
                return;
            }
            packets = socket().drainOutbound();
            if (packets.isEmpty()) {
                return;
            }
            get = pendingGet;
            pendingGet = null;
        }
        get.exchange().respond(HttpCompression.compress(payload(packets, get.headers()), get.encoding(),
                socket().server().options().httpCompression(), packets));
        if (packets.get(packets.size() - 1).type() == EnginePacketType.CLOSE) {
            socket().onClose(CloseReason.FORCED_CLOSE);
        }
    }

    /** Answers a pending GET with a NOOP (during an upgrade, or when discarded). */
    void releaseWithNoop() {
        respondPending(EnginePacket.noop());
    }

    private void releaseIfStillProbed() {
        if (socket().isProbed()) {
            releaseWithNoop();
        }
    }


    /** The session moved to WebSocket: a GET still held is refused, as are later requests. */
    void discard() {
        PendingGet get;
        synchronized (this) {
            discarded = true;
            get = pendingGet;
            pendingGet = null;
        }
        if (get != null) {
            get.exchange().respond(HttpResponse.text(400, "application/json",
                    EngineServer.errorBody(EngineError.BAD_REQUEST), get.headers()));
        }
    }

    @Override
    void close(CloseReason reason) {
        // A client that closed gets a NOOP on its last poll; a server-side close says CLOSE.
        boolean byClient = reason == CloseReason.TRANSPORT_CLOSE;
        synchronized (this) {
            closed = reason;
        }
        if (!respondPending(byClient ? EnginePacket.noop() : EnginePacket.close()) && byClient) {
            socket().server().rememberClientClose(socket().id());
        }
    }

    /**
     * @return the scheduler's time ({@link Scheduler#nanoTime()}) at which the last POST was
     *     answered: {@code Long.MAX_VALUE} while one is in delivery, {@code Long.MIN_VALUE} if none was
     */
    synchronized long postAnsweredAt() {
        return postsInDelivery > 0 ? Long.MAX_VALUE : postAnsweredAt;
    }

    /** @return whether this transport was replaced by a WebSocket */
    synchronized boolean isDiscarded() {
        return discarded;
    }

    private boolean respondPending(EnginePacket packet) {
        PendingGet get;
        synchronized (this) {
            get = pendingGet;
            pendingGet = null;
        }
        if (get == null) {
            return false;
        }
        get.exchange().respond(payload(List.of(packet), get.headers()));
        return true;
    }

    /** @return the 200 response carrying {@code packets}, framed for the session's protocol */
    private HttpResponse payload(List<EnginePacket> packets, Map<String, String> headers) {
        if (v3 != null) {
            return v3.pollResponse(packets, headers);
        }
        if (packets.size() == 1) {
            // one packet, often one broadcast to many pollers: its bytes are encoded once, shared
            return HttpResponse.text(200, TEXT, packets.get(0).pollingBytes(), headers);
        }
        return HttpResponse.text(200, TEXT, EngineCodec.encodePayload(packets), headers);
    }

    private void onAbort(PollingExchange exchange) {
        boolean wasPending;
        synchronized (this) {
            wasPending = pendingGet != null && pendingGet.exchange() == exchange;
            if (wasPending) {
                pendingGet = null;
                // From now on this transport is dead: a GET racing the close below must not
                // become the pending poll and receive the CLOSE packet (it gets 400 instead).
                closed = CloseReason.TRANSPORT_ERROR;
            }
        }
        if (wasPending) {
            // The client gave up on its poll (engine.io-protocol test "cancelled polling request").
            socket().onTransportEnd(this, CloseReason.TRANSPORT_ERROR,
                    new TransportError("poll connection closed prematurely"));
        }
    }
}
