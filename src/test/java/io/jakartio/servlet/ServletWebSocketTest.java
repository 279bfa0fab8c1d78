package io.jakartio.servlet;

import io.jakartio.config.WebSocketMode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.EngineOptions;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.testing.EmbeddedTomcat;
import io.jakartio.testing.RawWebSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jakartio's own WebSocket ({@link WebSocketMode#NATIVE}) in a real Tomcat, seen byte by byte:
 * the opening handshake and its refusals, control frames, the close handshake both ways, and
 * protocol errors answered with the RFC 6455 close code. The Socket.IO behaviour over it is
 * covered by the {@code io.jakartio.it} tests (setups "Tomcat, ...") and the Node client suite.
 */
@Timeout(30)
class ServletWebSocketTest {

    private static final String WS = "/socket.io/?EIO=4&transport=websocket";

    private static ExecutorScheduler scheduler;
    private static EmbeddedTomcat tomcat;
    private static final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        scheduler = new ExecutorScheduler("servlet-websocket-test");
        Server io = new Server(ServerOptions.builder()
                .engine(EngineOptions.builder().maxHttpBufferSize(1000).build())
                .build(), scheduler);
        io.on("connection", socket -> {
            socket.on("echo", args -> socket.emit("echo", args));
            socket.on("leave", args -> socket.conn().close());
            socket.on("disconnect", args -> disconnects.add(String.valueOf(args[0])));
        });
        tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io, WebSocketMode.NATIVE));
    }

    @AfterAll
    static void stop() {
        tomcat.close();
        scheduler.close();
    }

    @Test
    void theHandshakeSwitchesProtocolsWithTheAcceptKeyOfRfc6455() throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(tomcat.port(), WS)) {
            String head = ws.responseHead();
            // The RFC's own example: key dGhlIHNhbXBsZSBub25jZQ== gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
            assertTrue(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), head);
            assertTrue(head.toLowerCase().contains("upgrade: websocket\r\n"), head);
            assertTrue(ws.nextText().startsWith("0{\"sid\":"), "the Engine.IO OPEN packet comes first");
        }
    }

    @Test
    void anUnknownSessionIdIsRefusedWithTheProtocolsHttpErrorNotAnOpenedSocket() throws IOException {
        try (RawWebSocket ws = RawWebSocket.request(tomcat.port(), WS + "&sid=nope", validHeaders())) {
            assertTrue(ws.responseHead().startsWith("HTTP/1.1 400"), ws.responseHead());
            assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", ws.responseBody());
        }
    }

    @Test
    void anotherProtocolVersionIsRefusedWith400() throws IOException {
        try (RawWebSocket ws = RawWebSocket.request(tomcat.port(), "/socket.io/?EIO=3&transport=websocket", validHeaders())) {
            assertTrue(ws.responseHead().startsWith("HTTP/1.1 400"), ws.responseHead());
            assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", ws.responseBody());
        }
    }

    @Test
    void anotherWebSocketVersionIsAnswered426WithTheVersionWeSpeak() throws IOException {
        String headers = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 8\r\n";
        try (RawWebSocket ws = RawWebSocket.request(tomcat.port(), WS, headers)) {
            assertTrue(ws.responseHead().startsWith("HTTP/1.1 426"), ws.responseHead());
            assertTrue(ws.responseHead().contains("Sec-WebSocket-Version: 13"), ws.responseHead());
        }
    }

    @Test
    void aMissingKeyIsABadRequest() throws IOException {
        String headers = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n";
        try (RawWebSocket ws = RawWebSocket.request(tomcat.port(), WS, headers)) {
            assertTrue(ws.responseHead().startsWith("HTTP/1.1 400"), ws.responseHead());
        }
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingItsData() throws IOException {
        try (RawWebSocket ws = connected()) {
            byte[] data = "are you there".getBytes(StandardCharsets.UTF_8);
            ws.sendFrame(0x9, data, true);
            RawWebSocket.Frame pong = ws.nextFrame();
            assertEquals(0xA, pong.opcode(), "pong opcode");
            assertArrayEquals(data, pong.payload(), "pong payload");
        }
    }

    @Test
    void fragmentedMessagesWithAPingBetweenArriveWhole() throws IOException {
        try (RawWebSocket ws = connected()) {
            ws.sendRaw(0x01, "42[\"echo\",\"hel".getBytes(StandardCharsets.UTF_8), true); // text, not final
            ws.sendFrame(0x9, new byte[0], true);
            ws.sendRaw(0x80, "lo\"]".getBytes(StandardCharsets.UTF_8), true); // final continuation
            assertEquals(0xA, ws.nextFrame().opcode(), "the pong comes back at once");
            assertEquals("42[\"echo\",\"hello\"]", ws.nextTextStartingWith("42"));
        }
    }

    @Test
    void theClientsCloseIsEchoedAndTheServerEndsTheConnection() throws Exception {
        try (RawWebSocket ws = connected()) {
            disconnects.clear();
            ws.sendFrame(0x8, new byte[] {0x03, (byte) 0xE8}, true);
            RawWebSocket.Frame close = nextNonText(ws);
            assertEquals(0x8, close.opcode(), "a close frame answers");
            assertEquals(1000, close.closeCode());
            assertTrue(ws.awaitEndOfStream(2000), "the server closes the TCP connection");
            assertEquals("transport close", disconnects.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aServerSideCloseWaitsForTheClientsCloseFrame() throws Exception {
        try (RawWebSocket ws = connected()) {
            ws.sendText("42[\"leave\"]");
            RawWebSocket.Frame close = nextNonText(ws);
            assertEquals(0x8, close.opcode(), "the server starts the close handshake");
            assertEquals(1000, close.closeCode());
            ws.sendFrame(0x8, new byte[] {0x03, (byte) 0xE8}, true);
            assertTrue(ws.awaitEndOfStream(2000), "the TCP connection ends once the client answered");
        }
    }

    @Test
    void aClientThatNeverAnswersTheCloseIsDroppedAfterTheTimeout() throws Exception {
        try (RawWebSocket ws = connected()) {
            ws.sendText("42[\"leave\"]");
            assertEquals(0x8, nextNonText(ws).opcode(), "close frame");
            long timeout = WebSocketSession.CLOSE_TIMEOUT.toMillis();
            assertTrue(ws.awaitEndOfStream(timeout + 3000),
                    "the server drops the connection within " + timeout + " ms plus a margin");
        }
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolError1002() throws Exception {
        try (RawWebSocket ws = connected()) {
            disconnects.clear();
            ws.sendFrame(0x1, "42[\"echo\",1]".getBytes(StandardCharsets.UTF_8), false);
            RawWebSocket.Frame close = nextNonText(ws);
            assertEquals(1002, close.closeCode(), close.text());
            assertTrue(ws.awaitEndOfStream(2000), "the server ends the connection");
            assertEquals("transport error", disconnects.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void invalidUtf8IsClosedWith1007() throws Exception {
        try (RawWebSocket ws = connected()) {
            ws.sendFrame(0x1, new byte[] {'4', '2', (byte) 0xC3, 0x28}, true);
            assertEquals(1007, nextNonText(ws).closeCode());
        }
    }

    @Test
    void aMessageOverMaxHttpBufferSizeIsClosedWith1009WhileOthersGoOn() throws Exception {
        try (RawWebSocket other = connected(); RawWebSocket ws = connected()) {
            disconnects.clear();
            ws.sendText("42[\"echo\",\"" + "x".repeat(1000) + "\"]");
            assertEquals(1009, nextNonText(ws).closeCode());
            assertEquals("transport error", disconnects.poll(5, TimeUnit.SECONDS), "as on every path");
            other.sendText("42[\"echo\",2]");
            assertEquals("42[\"echo\",2]", other.nextTextStartingWith("42"));
        }
    }

    @Test
    void aMessageOfManyFramesIsWrittenAndReadBack() throws Exception {
        try (RawWebSocket ws = connected()) {
            String big = "y".repeat(900); // 16-bit length frames both ways
            ws.sendText("42[\"echo\",\"" + big + "\"]");
            assertEquals("42[\"echo\",\"" + big + "\"]", ws.nextTextStartingWith("42"));
        }
    }

    /** A socket past the Socket.IO CONNECT. */
    private static RawWebSocket connected() throws IOException {
        RawWebSocket ws = RawWebSocket.open(tomcat.port(), WS);
        ws.nextTextStartingWith("0{");
        ws.sendText("40");
        ws.nextTextStartingWith("40");
        return ws;
    }

    private static RawWebSocket.Frame nextNonText(RawWebSocket ws) throws IOException {
        while (true) {
            RawWebSocket.Frame frame = ws.nextFrame();
            if (frame.opcode() != 0x1) {
                return frame;
            }
        }
    }

    private static String validHeaders() {
        return "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n";
    }
}
