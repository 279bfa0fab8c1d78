package io.jakartio.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A minimal WebSocket client over a plain socket, for tests that need what a real client hides:
 * exact frames (unmasked, reserved bits, pings), a TCP reset instead of a close frame, the HTTP
 * answer to a bad handshake.
 *
 * <pre>{@code
 * RawWebSocket ws = RawWebSocket.open(port, "/socket.io/?EIO=4&transport=websocket");
 * ws.nextText();                 // 0{"sid":...}
 * ws.sendText("40");
 * ws.sendFrame(0x9, bytes, true); // a ping
 * }</pre>
 */
public final class RawWebSocket implements AutoCloseable {

    /**
     * A frame read from the server.
     *
     * @param opcode the opcode
     * @param fin whether it ends its message
     * @param payload the payload, as sent
     * @param rsv1 the first reserved bit: with permessage-deflate, set on the first frame of a
     *     compressed message (RFC 7692 section 6)
     */
    public record Frame(int opcode, boolean fin, byte[] payload, boolean rsv1) {
        /** @return the payload as UTF-8 */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** @return the close code of a close frame, 1005 if it has none */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Random random = new Random(42);
    private String responseHead;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and sends an upgrade request; {@link #responseHead()} holds the answer.
     *
     * @param port the server's port on 127.0.0.1
     * @param target the request target, e.g. {@code /socket.io/?EIO=4&transport=websocket}
     * @param extraHeaders more header lines, each ending in CRLF (or empty)
     * @return the client, upgraded or not
     */
    public static RawWebSocket request(int port, String target, String extraHeaders) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.setReceiveBufferSize(4096);
        RawWebSocket client = new RawWebSocket(socket);
        client.out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        client.responseHead = client.readHead();
        return client;
    }

    /**
     * Connects with a valid WebSocket handshake.
     *
     * @param port the server's port on 127.0.0.1
     * @param target the request target
     * @return the upgraded client
     * @throws IOException if the server did not answer 101
     */
    public static RawWebSocket open(int port, String target) throws IOException {
        return open(port, target, "");
    }

    /**
     * Connects with a valid WebSocket handshake and more headers, e.g. extension offers.
     *
     * <pre>{@code
     * RawWebSocket ws = RawWebSocket.open(port, target, "Sec-WebSocket-Extensions: permessage-deflate\r\n");
     * ws.responseHeader("Sec-WebSocket-Extensions"); // the server's answer, or null
     * }</pre>
     *
     * @param port the server's port on 127.0.0.1
     * @param target the request target
     * @param extraHeaders more header lines, each ending in CRLF (or empty)
     * @return the upgraded client
     * @throws IOException if the server did not answer 101
     */
    public static RawWebSocket open(int port, String target, String extraHeaders) throws IOException {
        RawWebSocket client = request(port, target, "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders);
        if (!client.responseHead.startsWith("HTTP/1.1 101")) {
            client.close();
            throw new IOException("no upgrade: " + client.responseHead);
        }
        return client;
    }

    /** @return the status line and headers of the server's answer to the handshake */
    public String responseHead() {
        return responseHead;
    }

    /**
     * @param name a header name, in any case
     * @return the value of that header of the server's answer (the first, if several), or {@code null}
     */
    public String responseHeader(String name) {
        for (String line : responseHead.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** @return the body of a non-101 answer (read up to Content-Length) */
    public String responseBody() throws IOException {
        String lower = responseHead.toLowerCase();
        int at = lower.indexOf("content-length:");
        if (at < 0) {
            return "";
        }
        int end = lower.indexOf("\r\n", at);
        int length = Integer.parseInt(responseHead.substring(at + "content-length:".length(), end).trim());
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Sends a final, masked text frame. */
    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * Sends one final frame.
     *
     * @param opcode the opcode
     * @param payload the payload
     * @param masked whether to mask it, as clients must
     */
    public void sendFrame(int opcode, byte[] payload, boolean masked) throws IOException {
        sendRaw(0x80 | opcode, payload, masked);
    }

    /**
     * Sends a frame with a first byte of your choice (FIN, RSV bits, opcode).
     *
     * @param firstByte the frame's first byte
     * @param payload the payload
     * @param masked whether to mask it
     */
    public void sendRaw(int firstByte, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            random.nextBytes(mask);
            frame.write(mask, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** @return the next frame from the server */
    public Frame nextFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, in.readNBytes((int) length), (b0 & 0x40) != 0);
    }

    /** @return the next text message, answering Engine.IO pings on the way */
    public String nextText() throws IOException {
        while (true) {
            Frame frame = nextFrame();
            if (frame.opcode() == 0x1 && frame.text().equals("2")) {
                sendText("3");
            } else if (frame.opcode() == 0x1) {
                return frame.text();
            } else if (frame.opcode() == 0x8) {
                throw new IOException("closed by the server: " + frame.closeCode() + " " + frame.text());
            }
        }
    }

    /** @return the next text message starting with {@code prefix}, skipping others */
    public String nextTextStartingWith(String prefix) throws IOException {
        while (true) {
            String text = nextText();
            if (text.startsWith(prefix)) {
                return text;
            }
        }
    }

    /**
     * @param millis how long to wait
     * @return whether the server closed the TCP connection (end of stream) within that time;
     *     frames still arriving are skipped
     */
    public boolean awaitEndOfStream(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                if (in.read() < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /**
     * Sets the socket's receive buffer ({@link #request} makes it 4 KiB, so that a server's
     * large frame stays in flight while the test reads nothing). A test that then reads a lot
     * raises it again: with a 4 KiB window, loopback TCP waits for delayed acknowledgements
     * (40 ms) at every few KiB.
     *
     * @param bytes the new size
     */
    public void receiveBuffer(int bytes) throws IOException {
        socket.setReceiveBufferSize(bytes);
    }

    /** Closes the TCP connection without a WebSocket close frame, as a killed process does. */
    public void drop() throws IOException {
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed");
        }
        return b;
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) readByte());
        }
        return head.toString();
    }
}
