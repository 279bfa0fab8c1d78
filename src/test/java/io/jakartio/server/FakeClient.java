package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.jakartio.engine.WebSocketConnection;
import io.jakartio.engine.WebSocketHandler;
import io.jakartio.parser.EnginePacket;
import io.jakartio.parser.JsonReader;
import io.jakartio.parser.PacketParseException;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketDecoder;
import io.jakartio.parser.SocketPacketType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Socket.IO client without a network: the {@link WebSocketConnection} the engine writes to,
 * and the client side that speaks raw Socket.IO packets through the {@link WebSocketHandler} the
 * engine returned.
 *
 * <p>Every Socket.IO packet the server sends is decoded (binary attachments reassembled) and
 * queued; the test takes them in order with {@link #next()} / {@link #expect(String)}. A packet
 * left untaken fails the test ({@link SocketIoHarness} checks after each test, or call
 * {@link #assertNoMoreFrames()}). Engine.IO PINGs are answered automatically and not queued.
 *
 * <p>Sends complete inline unless {@link #holdSends()} keeps their completions (the connection is
 * then "busy", as for a slow client) until {@link #releaseSends()}. Thread-safe: the server may
 * write from any thread.
 */
final class FakeClient implements WebSocketConnection {

    /**
     * One Socket.IO packet as received.
     *
     * @param text the Socket.IO text part, e.g. {@code 2["hi"]} or {@code 51-["f",{...}]}
     * @param packet the decoded packet, binary attachments in place
     * @param frames the WebSocket frames that carried it, as the engine passed them (the
     *     {@code String} text frame, then one {@code byte[]} per attachment)
     */
    record Received(String text, SocketPacket packet, List<Object> frames) {

        SocketPacketType type() {
            return packet.type();
        }

        String namespace() {
            return packet.namespace();
        }

        long ackId() {
            return packet.ackId();
        }

        /** @return the EVENT/ACK payload list (event name first for an EVENT) */
        List<Object> args() {
            return packet.args();
        }

        @Override
        public String toString() {
            return text + (frames.size() > 1 ? " (+" + (frames.size() - 1) + " binary)" : "");
        }
    }

    private final String name;
    private final List<String> violations;
    private final SocketPacketDecoder decoder = new SocketPacketDecoder(100);
    private final ArrayDeque<Received> received = new ArrayDeque<>();
    private final ArrayDeque<Consumer<Throwable>> held = new ArrayDeque<>();
    private String partialText;
    private List<Object> partialFrames;
    private boolean holding;
    private boolean inFlight;
    private boolean autoPong = true;
    private boolean closeWhenLetGo;
    private int pings;
    private int sends;
    private final List<String> uncompressed = new ArrayList<>();
    private String engineSid;
    private Integer closeCode;
    private String closeReason;
    private volatile WebSocketHandler handler;

    FakeClient(String name, List<String> violations) {
        this.name = name;
        this.violations = violations;
    }

    void bind(WebSocketHandler value) {
        this.handler = value;
    }

    private WebSocketHandler handler() {
        assertNotNull(handler, name + " was not opened through the engine");
        return handler;
    }

    // ---- the client's side: what it sends ----

    /** Sends a Socket.IO packet in a text frame, e.g. {@code 42["echo",1]}. */
    void send(String packet) {
        handler().onText("4" + packet);
    }

    /** Sends a binary frame: the next attachment of a binary packet. */
    void sendBinary(byte[] data) {
        handler().onBinary(data);
    }

    /** Sends a raw Engine.IO text frame, e.g. {@code 3} or garbage. */
    void sendFrame(String engineFrame) {
        handler().onText(engineFrame);
    }

    /** The client closes the WebSocket (or the network drops it). */
    void closeTransport() {
        handler().onClose();
    }

    /** The WebSocket fails (an I/O error of the container, say). */
    void failTransport(Throwable error) {
        handler().onError(error);
    }

    /**
     * Closes the WebSocket as soon as a DISCONNECT packet arrives, from within the server's write,
     * as socket.io-client's Manager does when the server lets go of its last socket: the close
     * then reaches the server while it is still disconnecting that socket.
     */
    synchronized FakeClient closeWhenLetGo() {
        closeWhenLetGo = true;
        return this;
    }

    /** Stops answering PINGs, to let the heartbeat time out. */
    synchronized FakeClient stopAnsweringPings() {
        autoPong = false;
        return this;
    }

    /** Sends CONNECT for the main namespace and returns the socket id granted. */
    String connect() {
        send("0");
        return expectConnect("/");
    }

    /** Sends CONNECT for {@code nsp} and returns the socket id granted. */
    String connect(String nsp) {
        send("0" + nsp + ",");
        return expectConnect(nsp);
    }

    /** Sends CONNECT for {@code nsp} with an auth payload (JSON) and returns the socket id granted. */
    String connect(String nsp, String authJson) {
        send("0" + ("/".equals(nsp) ? "" : nsp + ",") + authJson);
        return expectConnect(nsp);
    }

    // ---- the connection: what the engine writes ----

    @Override
    public void send(EnginePacket packet, Consumer<Throwable> onComplete) {
        if (!packet.compress()) {
            synchronized (this) {
                uncompressed.add(packet.isBinary() ? "<" + packet.binaryData().length + " bytes>" : packet.text());
            }
        }
        WebSocketConnection.super.send(packet, onComplete);
    }

    @Override
    public void sendText(String text, Consumer<Throwable> onComplete) {
        boolean pong;
        boolean letGo;
        synchronized (this) {
            startSend(text);
            int before = received.size();
            pong = receiveText(text);
            letGo = closeWhenLetGo && received.size() > before
                    && received.peekLast().type() == SocketPacketType.DISCONNECT;
        }
        complete(onComplete);
        if (pong) {
            handler().onText("3");
        }
        if (letGo) {
            handler().onClose();
        }
    }

    @Override
    public void sendBinary(byte[] data, Consumer<Throwable> onComplete) {
        synchronized (this) {
            startSend("<" + data.length + " bytes>");
            receiveBinary(data);
        }
        complete(onComplete);
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (closeCode != null) {
            violations.add(name + ": WebSocket closed twice (" + closeCode + ", then " + code + ")");
            return;
        }
        closeCode = code;
        closeReason = reason;
    }

    private void startSend(String what) {
        if (inFlight) {
            violations.add(name + ": send of " + abbreviate(what) + " started before the previous one completed");
        }
        if (closeCode != null) {
            violations.add(name + ": send of " + abbreviate(what) + " after close");
        }
        inFlight = true;
        sends++;
    }

    private void complete(Consumer<Throwable> onComplete) {
        synchronized (this) {
            if (holding) {
                held.add(onComplete);
                return;
            }
            inFlight = false;
        }
        onComplete.accept(null);
    }

    /** @return whether to answer with a PONG */
    private boolean receiveText(String frame) {
        if (frame.isEmpty()) {
            violations.add(name + ": empty text frame");
            return false;
        }
        switch (frame.charAt(0)) {
            case '0' -> {
                try {
                    Map<?, ?> open = (Map<?, ?>) JsonReader.parse(frame.substring(1));
                    engineSid = (String) open.get("sid");
                } catch (PacketParseException | ClassCastException e) {
                    violations.add(name + ": invalid OPEN frame " + frame);
                }
                return false;
            }
            case '2' -> {
                pings++;
                return autoPong;
            }
            case '4' -> {
                String text = frame.substring(1);
                if (partialText != null) {
                    violations.add(name + ": text frame " + abbreviate(text) + " while attachments of "
                            + abbreviate(partialText) + " were expected");
                    return false;
                }
                try {
                    SocketPacket packet = decoder.decode(text);
                    if (packet == null) {
                        partialText = text;
                        partialFrames = new ArrayList<>();
                        partialFrames.add(frame);
                    } else {
                        received.add(new Received(text, packet, List.of(frame)));
                    }
                } catch (PacketParseException e) {
                    violations.add(name + ": server sent an invalid packet " + abbreviate(text) + ": " + e.getMessage());
                }
                return false;
            }
            default -> {
                violations.add(name + ": unexpected Engine.IO frame " + abbreviate(frame));
                return false;
            }
        }
    }

    private void receiveBinary(byte[] data) {
        if (partialText == null) {
            violations.add(name + ": binary frame without a packet announcing it");
            return;
        }
        partialFrames.add(data);
        try {
            SocketPacket packet = decoder.decode(data);
            if (packet != null) {
                received.add(new Received(partialText, packet, List.copyOf(partialFrames)));
                partialText = null;
                partialFrames = null;
            }
        } catch (PacketParseException e) {
            violations.add(name + ": invalid attachment: " + e.getMessage());
        }
    }

    /** Keeps send completions: the connection stays busy until {@link #releaseSends()}. */
    synchronized FakeClient holdSends() {
        holding = true;
        return this;
    }

    /** Completes the held sends (and any they trigger) and goes back to inline completion. */
    void releaseSends() {
        while (true) {
            Consumer<Throwable> next;
            synchronized (this) {
                holding = false;
                next = held.poll();
                if (next == null) {
                    return;
                }
                inFlight = false;
            }
            next.accept(null);
        }
    }

    // ---- assertions ----

    /** @return the next packet received; fails if there is none */
    synchronized Received next() {
        Received next = received.poll();
        if (next == null) {
            fail(name + " received no (more) packet" + (partialText != null
                    ? "; " + abbreviate(partialText) + " still awaits attachments" : ""));
        }
        return next;
    }

    /**
     * Takes the next packet and checks its text part.
     *
     * @param text e.g. {@code 2["news",1]}
     * @return the packet
     */
    Received expect(String text) {
        Received next = next();
        assertEquals(text, next.text(), name + " received another packet");
        return next;
    }

    /** Takes the next packets, checking their text parts in order. */
    void expect(String first, String... more) {
        expect(first);
        for (String text : more) {
            expect(text);
        }
    }

    /** Takes the next packet: a CONNECT of the main namespace; returns the socket id. */
    String expectConnect() {
        return expectConnect("/");
    }

    /** Takes the next packet: a CONNECT of {@code nsp}; returns the socket id. */
    String expectConnect(String nsp) {
        Received next = next();
        assertEquals(SocketPacketType.CONNECT, next.type(), name + " expected CONNECT, got " + next);
        assertEquals(nsp, next.namespace(), name + " got CONNECT of another namespace");
        Map<?, ?> data = assertInstanceOf(Map.class, next.packet().data());
        return (String) assertInstanceOf(String.class, data.get("sid"));
    }

    /** @return every packet still queued, removed (for order-independent assertions) */
    synchronized List<Received> takeAll() {
        List<Received> all = new ArrayList<>(received);
        received.clear();
        return all;
    }

    /** Fails if a packet was received and not taken. */
    void assertNoMoreFrames() {
        String unasserted = unasserted();
        if (unasserted != null) {
            fail(unasserted);
        }
    }

    /** @return a description of packets not taken, or {@code null} */
    synchronized String unasserted() {
        if (received.isEmpty() && partialText == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (Received packet : received) {
            texts.add(packet.toString());
        }
        if (partialText != null) {
            texts.add(partialText + " (incomplete)");
        }
        return name + " received packets the test did not assert: " + texts;
    }

    /** @return the Engine.IO session id from the OPEN frame */
    synchronized String engineSid() {
        return engineSid;
    }

    /** @return whether the server closed the WebSocket */
    synchronized boolean isClosed() {
        return closeCode != null;
    }

    /** @return the close code the server used, or {@code null} */
    synchronized Integer closeCode() {
        return closeCode;
    }

    /** @return the close reason the server used, or {@code null} */
    synchronized String closeReason() {
        return closeReason;
    }

    /** @return how many PINGs the server sent */
    synchronized int pings() {
        return pings;
    }

    /** @return the frames the engine wrote with Socket.IO's {@code compress} flag off, in order */
    synchronized List<String> uncompressed() {
        return List.copyOf(uncompressed);
    }

    /** @return how many frames the engine wrote, OPEN and PINGs included */
    synchronized int sends() {
        return sends;
    }

    @Override
    public String toString() {
        return name;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
