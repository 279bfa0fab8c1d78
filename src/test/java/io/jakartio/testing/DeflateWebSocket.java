package io.jakartio.testing;

import io.jakartio.websocket.MessageDeflater;
import io.jakartio.websocket.MessageInflater;
import io.jakartio.websocket.WebSocketProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client that offers permessage-deflate (RFC 7692) as a browser does and speaks it
 * by hand over {@link RawWebSocket}, to see what a real server answers and sends: the JDK's
 * WebSocket client negotiates no extension. A message is assembled from its frames and, when
 * its first frame has RSV1, inflated in the context of the server's messages before it (which
 * is right whether or not the server takes its context over).
 *
 * <pre>{@code
 * try (DeflateWebSocket ws = DeflateWebSocket.open(port, "/socket.io/?EIO=4&transport=websocket")) {
 *     ws.extensions();             // "permessage-deflate; server_no_context_takeover", or null
 *     ws.next().text();            // 0{"sid":...}
 *     ws.send("40", false);
 *     ws.send(longPacket, true);   // one frame, RSV1 set
 *     ws.nextStartingWith("42").compressed();
 * }
 * }</pre>
 */
public final class DeflateWebSocket implements AutoCloseable {

    /** What Chromium offers: permessage-deflate, and a window of its own for what it sends. */
    public static final String OFFER = "permessage-deflate; client_max_window_bits";

    private static final int LONGEST_MESSAGE = 16 << 20;

    /**
     * A whole message from the server.
     *
     * @param text its payload (inflated if it was compressed) as UTF-8
     * @param compressed whether it came compressed (RSV1 on its first frame)
     * @param wireLength the length of its payload on the wire, all frames together
     */
    public record Message(String text, boolean compressed, int wireLength) {
    }

    private final RawWebSocket socket;
    private final String extensions;
    private final MessageInflater inflater = new MessageInflater(false);

    private DeflateWebSocket(RawWebSocket socket) {
        this.socket = socket;
        this.extensions = socket.responseHeader("Sec-WebSocket-Extensions");
    }

    /**
     * Opens a WebSocket offering {@link #OFFER}.
     *
     * @param port the server's port on 127.0.0.1
     * @param target the request target, e.g. {@code /socket.io/?EIO=4&transport=websocket}
     * @return the client
     * @throws IOException if the server did not answer 101
     */
    public static DeflateWebSocket open(int port, String target) throws IOException {
        return new DeflateWebSocket(RawWebSocket.open(port, target, "Sec-WebSocket-Extensions: " + OFFER + "\r\n"));
    }

    /** @return the server's {@code Sec-WebSocket-Extensions} answer, or {@code null}: no extension */
    public String extensions() {
        return extensions;
    }

    /** @return whether the server agreed to permessage-deflate */
    public boolean agreed() {
        return extensions != null && extensions.toLowerCase().startsWith("permessage-deflate");
    }

    /**
     * Sends a text message in one masked frame.
     *
     * @param text the message
     * @param compress whether to compress it (with a fresh context, which any agreement allows)
     */
    public void send(String text, boolean compress) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!compress) {
            socket.sendText(text);
            return;
        }
        if (!agreed()) {
            throw new IllegalStateException("permessage-deflate was not agreed: " + extensions);
        }
        socket.sendRaw(0x80 | 0x40 | 0x1, MessageDeflater.deflateAlone(bytes, 0, bytes.length), true);
    }

    /**
     * @return the next text or binary message; WebSocket pings are answered with pongs,
     *     Engine.IO pings ({@code 2}) with {@code 3}, as a client does
     * @throws IOException if the server closes, or sends a compressed message without agreement
     */
    public Message next() throws IOException {
        while (true) {
            RawWebSocket.Frame first = dataFrame();
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes(first.payload());
            RawWebSocket.Frame frame = first;
            while (!frame.fin()) {
                frame = dataFrame();
                payload.writeBytes(frame.payload());
            }
            byte[] wire = payload.toByteArray();
            if (first.rsv1() && !agreed()) {
                throw new IOException("RSV1 set without permessage-deflate agreed");
            }
            Message message = new Message(new String(first.rsv1() ? inflate(wire) : wire, StandardCharsets.UTF_8),
                    first.rsv1(), wire.length);
            if (first.opcode() == 0x1 && message.text().equals("2")) {
                send("3", false);
            } else {
                return message;
            }
        }
    }

    /**
     * @param prefix how the message starts, e.g. {@code 42["chat message"}
     * @return the next message starting with it, skipping others
     */
    public Message nextStartingWith(String prefix) throws IOException {
        while (true) {
            Message message = next();
            if (message.text().startsWith(prefix)) {
                return message;
            }
        }
    }

    @Override
    public void close() throws IOException {
        inflater.close();
        socket.close();
    }

    /** @return the next frame of a message (the first or a continuation), answering pings */
    private RawWebSocket.Frame dataFrame() throws IOException {
        while (true) {
            RawWebSocket.Frame frame = socket.nextFrame();
            switch (frame.opcode()) {
                case 0x8 -> throw new IOException("closed by the server: " + frame.closeCode());
                case 0x9 -> socket.sendFrame(0xA, frame.payload(), true);
                case 0xA -> {
                    // an unsolicited pong: nothing to do
                }
                default -> {
                    return frame;
                }
            }
        }
    }

    private byte[] inflate(byte[] compressed) throws IOException {
        try {
            return inflater.inflate(compressed, 0, compressed.length, LONGEST_MESSAGE);
        } catch (WebSocketProtocolException e) {
            throw new IOException("the server's compressed message does not inflate", e);
        }
    }
}
