package io.jakartio.container;

import static io.jakartio.it.ChatClient.id;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.container.ChatClient.Transports;
import io.jakartio.it.FullChatUsers;
import io.jakartio.testing.DeflateWebSocket;
import io.jakartio.testing.RawWebSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tutorial's chat, deployed as built into a real container (Tomcat, Payara Micro or WildFly:
 * one failsafe execution each, see pom.xml), used from outside as its users do: the page and the
 * official client script over HTTP, the official Java client on every transport, and two headless
 * Chromium browsers on the seed's page, and a WebSocket offering permessage-deflate as a browser
 * does (the chat runs with it on, see {@link ChatDeployment}); and the full chat at
 * {@code /chat/}. One class, so each container starts once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatIT {

    private static final Path SEED_PAGE = Path.of("src/main/resources/io/jakartio/chat/seed/index.html");
    private static final Path FULL_CHAT_PAGE = Path.of("src/main/resources/io/jakartio/chat/web/app/index.html");
    private static final Path CLIENT_DIST = Path.of("src/main/client/node_modules/socket.io-client/dist");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("jakartio.it.screenshots", "target/screenshots"));

    @ArquillianResource
    private URL deployed;

    private URI root;

    @Deployment(testable = false)
    static WebArchive chat() {
        return ChatDeployment.builtWar();
    }

    @BeforeEach
    void rootOnLoopback() {
        root = ChatDeployment.loopback(deployed);
    }

    @Test
    void theRootServesTheSeedPageByteForByteWithARevalidatingETag() throws Exception {
        new StaticFiles(root).assertServes("", SEED_PAGE, "text/html");
    }

    @Test
    void theOfficialClientScriptItsMinifiedBuildAndItsSourceMapAreServed() throws Exception {
        StaticFiles files = new StaticFiles(root);
        files.assertServes("socket.io/socket.io.js", CLIENT_DIST.resolve("socket.io.js"), "application/javascript");
        files.assertServes("socket.io/socket.io.min.js", CLIENT_DIST.resolve("socket.io.min.js"), "application/javascript");
        files.assertServes("socket.io/socket.io.js.map", CLIENT_DIST.resolve("socket.io.js.map"), "application/json");
    }

    @Test
    void theJavaClientStartsWithPollingAndUpgradesToWebSocket() {
        try (ChatClient client = ChatClient.connect("polling-then-websocket", root, Transports.UPGRADE)) {
            assertEquals("websocket", client.awaitUpgrade());
            assertEquals("polling", client.transportsCreated().get(0), "the first transport");
            client.send("sent over the upgraded connection");
            assertEquals("sent over the upgraded connection", client.nextChatMessage());
        }
    }

    @Test
    void everyOneOfManyClientsInARowUpgrades() throws Exception {
        // A single upgrade proves little where a race loses the probe now and then (WildFly
        // with the annotated endpoint lost about one in ten): forty do, four at a time, ten in a
        // row each (an upgrade waits up to 100 ms for the server's upgrade check, as Node's).
        ExecutorService lines = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> rows = new ArrayList<>();
            for (int row = 0; row < 4; row++) {
                int first = row * 10 + 1;
                rows.add(lines.submit(() -> {
                    for (int i = first; i < first + 10; i++) {
                        try (ChatClient client = ChatClient.connect("client " + i + " of 40", root, Transports.UPGRADE)) {
                            assertEquals("websocket", client.awaitUpgrade(), "client " + i + " of 40");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> row : rows) {
                try {
                    row.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error; // the assertion's own message
                    }
                    throw e;
                }
            }
        } finally {
            lines.shutdownNow();
        }
    }

    @Test
    void theJavaClientConnectsOverWebSocketOnly() {
        try (ChatClient client = ChatClient.connect("websocket-only", root, Transports.WEBSOCKET_ONLY)) {
            client.send("sent over WebSocket only");
            assertEquals("sent over WebSocket only", client.nextChatMessage());
            assertEquals(List.of("websocket"), client.transportsCreated());
            assertFalse(client.hasUpgraded(), "nothing to upgrade from");
        }
    }

    /**
     * A broken packet makes the server close the session; a peer that then never answers the
     * close frame (dead, or misbehaving) must lose its TCP connection after the close timeout,
     * which fires on a timer thread, not a container thread: every container must then close
     * the upgraded connection itself (Tomcat needed help: UpgradedSockets natively, CloseTimeout
     * with its own WebSocket). The deployment sets {@code jakartio.closeTimeout} to 1 s: the
     * option reaches both WebSocket modes (Undertow and Grizzly drop the connection themselves in
     * the JSR-356 mode).
     */
    @Test
    void aWebSocketPeerThatNeverAnswersTheCloseFrameIsDroppedAfterTheTimeout() throws Exception {
        URI websocket = root.resolve("socket.io/?EIO=4&transport=websocket");
        try (RawWebSocket peer = RawWebSocket.open(websocket.getPort(), websocket.getRawPath() + "?" + websocket.getRawQuery())) {
            assertTrue(peer.nextText().startsWith("0{"), "the Engine.IO OPEN packet");
            peer.sendText("x-not-a-packet");
            RawWebSocket.Frame close = peer.nextFrame();
            while (close.opcode() != 0x8) {
                close = peer.nextFrame();
            }
            assertEquals("parse error", close.text().substring(2), "close reason");
            assertTrue(peer.awaitEndOfStream(5_000), "the server ended the TCP connection within the deployment's 1 s close timeout (+4 s)");
        }
    }

    @Test
    void aChatMessageReachesEveryClientItsSenderIncluded() {
        try (ChatClient alice = ChatClient.connect("alice (polling, upgraded)", root, Transports.UPGRADE);
             ChatClient bob = ChatClient.connect("bob (websocket only)", root, Transports.WEBSOCKET_ONLY);
             ChatClient carol = ChatClient.connect("carol (polling only)", root, Transports.POLLING_ONLY)) {
            String message = "Hello from alice on " + ChatDeployment.container() + " — 안녕하세요";
            alice.send(message);
            assertEquals(message, alice.nextChatMessage());
            assertEquals(message, bob.nextChatMessage());
            assertEquals(message, carol.nextChatMessage());

            carol.send("and from carol");
            for (ChatClient client : List.of(alice, bob, carol)) {
                assertEquals("and from carol", client.nextChatMessage());
            }
        }
    }

    /**
     * Cross-site WebSocket hijacking: a page of another site opening a WebSocket to the chat is
     * refused with 403 before the upgrade, on every container and in both WebSocket modes (the
     * JSR-356 mode through the handshake filter in front of the container's own), while the
     * chat's own page, and clients that send no Origin, connect.
     */
    @Test
    void aWebSocketFromAnotherSitesPageIsRefusedBeforeTheUpgradeAndTheChatsOwnPageConnects() throws Exception {
        String target = "/socket.io/?EIO=4&transport=websocket";
        String handshake = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n";
        try (RawWebSocket foreign = RawWebSocket.request(root.getPort(), target,
                handshake + "Origin: https://evil.example\r\n")) {
            assertTrue(foreign.responseHead().startsWith("HTTP/1.1 403"), foreign.responseHead());
            assertEquals("{\"code\":4,\"message\":\"Origin not allowed\"}", foreign.responseBody());
        }
        try (RawWebSocket own = RawWebSocket.request(root.getPort(), target,
                handshake + "Origin: http://127.0.0.1:" + root.getPort() + "\r\n")) {
            assertTrue(own.responseHead().startsWith("HTTP/1.1 101"), own.responseHead());
            assertTrue(own.nextText().startsWith("0{"), "the Engine.IO OPEN packet");
        }
    }

    /**
     * What a browser's offer of permessage-deflate is answered, as README "Compression" documents
     * it, with {@code jakartio.perMessageDeflate} on: Jakartio's own extension in the native mode;
     * in the JSR-356 mode the container's, which Tomcat installs for every endpoint, WildFly's
     * Undertow where its configuration turns it on (server-config/wildfly, applied to the tests'
     * WildFly), and Tyrus (Payara) not at all.
     */
    @Test
    void aBrowsersOfferOfPermessageDeflateIsAnsweredAsDocumentedForTheContainer() throws Exception {
        try (DeflateWebSocket ws = openOfferingDeflate()) {
            String documented = documentedDeflateAnswer();
            if (documented == null) {
                assertNull(ws.extensions(), ChatDeployment.container() + " has no permessage-deflate installed");
            } else {
                assertEquals(documented, ws.extensions(), ChatDeployment.container());
            }
        }
    }

    /**
     * The extension at work, not only its header: a chat line longer than Jakartio's threshold
     * (1,024 bytes) goes to the server compressed and comes back compressed and intact, and a
     * good deal smaller on the wire; where the offer is declined (Tyrus) it goes and comes back
     * plain.
     */
    @Test
    void aLongChatMessageTravelsCompressedBothWaysWhereTheExtensionIsAgreed() throws Exception {
        String line = ("A line long enough to be compressed, on " + ChatDeployment.container() + ". ").repeat(40);
        String packet = "42[\"chat message\",\"" + line + "\"]";
        try (DeflateWebSocket ws = openOfferingDeflate()) {
            assertTrue(ws.next().text().startsWith("0{"), "the Engine.IO OPEN packet");
            ws.send("40", false);
            String connected = ws.nextStartingWith("40").text();
            assertTrue(connected.startsWith("40{\"sid\":"), "connected to the main namespace: " + connected);
            // the chat WAR's server has connection state recovery on (FullChat.serverOptions):
            // a private id to recover with, and every event's offset as its last argument
            assertTrue(connected.contains("\"pid\":\""), "connection state recovery on: " + connected);
            ws.send(packet, ws.agreed());
            DeflateWebSocket.Message echo = ws.nextStartingWith("42[\"chat message\",\"A line long enough");
            assertTrue(echo.text().startsWith(packet.substring(0, packet.length() - 1) + ",\""),
                    "the line, then its offset: " + echo.text().substring(packet.length() - 40));
            assertEquals(ws.agreed(), echo.compressed(), "compressed as agreed: " + ws.extensions());
            if (echo.compressed()) {
                assertTrue(echo.wireLength() < packet.length() / 4,
                        echo.wireLength() + " bytes on the wire for " + packet.length());
            }
        }
    }

    private DeflateWebSocket openOfferingDeflate() throws Exception {
        return DeflateWebSocket.open(root.getPort(), "/socket.io/?EIO=4&transport=websocket");
    }

    /** @return the {@code Sec-WebSocket-Extensions} README "Compression" documents, or {@code null}: none */
    private static String documentedDeflateAnswer() {
        if (!"jsr356".equals(TestedContainer.websocketMode())) {
            return "permessage-deflate; server_no_context_takeover";
        }
        return switch (TestedContainer.current().webSocketImplementation()) {
            case TOMCAT -> "permessage-deflate;client_max_window_bits=15"; // context takeover both ways
            case UNDERTOW -> "permessage-deflate"; // context takeover both ways
            case TYRUS -> null;
        };
    }

    @Test
    void hiReachesEveryoneButTheNewcomer() {
        try (ChatClient first = ChatClient.connect("first", root, Transports.UPGRADE);
             ChatClient second = ChatClient.connect("second", root, Transports.WEBSOCKET_ONLY);
             ChatClient third = ChatClient.connect("third", root, Transports.POLLING_ONLY)) {
            // The server greets the others while it connects the newcomer, before it reads the
            // newcomer's first message: once the echo is back, any "hi" to it would be too.
            third.send("is anyone there?");
            assertEquals("is anyone there?", third.nextChatMessage());
            first.assertHisReceived(2);
            second.assertHisReceived(1);
            third.assertHisReceived(0);
        }
    }

    /**
     * The full chat (docs/CHAT.md) end to end with the official Java client, on the database the
     * container gives it with no setup (Payara's and WildFly's {@code java:comp/DefaultDataSource},
     * the Tomcat flavour's {@code jdbc/chat}): its page; two users join {@code /chat}; a third
     * with a nickname online under another userId is refused; a message is acknowledged with its
     * id and delivered; a user back with the last id it saw as {@code serverOffset} gets exactly
     * what it missed; and the seed's page on {@code /} speaks in {@code #general} as guest.
     */
    @Test
    void theFullChatJoinsRefusesATakenNicknameDeliversAcknowledgedMessagesRecoversMissedOnesAndHearsTheSeedsPage()
            throws Exception {
        byte[] page = new StaticFiles(root).assertServes("chat/", FULL_CHAT_PAGE, "text/html");
        assertTrue(new String(page, UTF_8).contains(">Nickname</label>"), "the page has its Nickname field");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String alice = "Alice-" + run;
        String bob = "Bob-" + run;
        String bobsBrowser = UUID.randomUUID().toString();
        try (FullChatUsers users = new FullChatUsers(root)) {
            var alicesTab = users.user(alice);
            var bobsTab = users.tab(bob, bobsBrowser);
            assertEquals("nickname taken", users.client(Map.of("nickname", alice, "userId", UUID.randomUUID().toString()))
                    .refusal());

            String hello = "Hello from " + alice + " on " + ChatDeployment.container();
            long seen = id(alicesTab.say("general", hello, "c-" + UUID.randomUUID()));
            Map<String, Object> delivered = bobsTab.nextChatMessage(m -> idOf(m) == seen, "alice's message " + seen);
            assertEquals(List.of("general", alice, hello),
                    List.of(delivered.get("room"), delivered.get("from"), delivered.get("text")), delivered.toString());

            bobsTab.close();
            long missed = id(alicesTab.say("general", "while bob is away", "c-" + UUID.randomUUID()));
            var bobBack = users.client(Map.of("nickname", bob, "userId", bobsBrowser, "serverOffset", seen)).connect();
            assertEquals(List.of(missed), bobBack.awaitHistory().stream().map(ChatIT::idOf).toList(),
                    "exactly the missed message: " + bobBack.awaitHistory());

            String fromSeed = "From the seed's page " + run;
            try (ChatClient seed = ChatClient.connect("the seed's page", root, Transports.WEBSOCKET_ONLY)) {
                seed.send(fromSeed);
                Map<String, Object> bridged = bobBack.nextChatMessage(m -> fromSeed.equals(m.get("text")), "the seed's message");
                assertEquals(List.of("general", "guest"), List.of(bridged.get("room"), bridged.get("from")), bridged.toString());
            }
        }
    }

    private static long idOf(Map<String, Object> message) {
        return ((Number) message.get("id")).longValue();
    }

    @Test
    void twoPeopleChatInTheSeedsPageWithHeadlessChromium() throws Exception {
        ChromiumBrowser.requireChromium();
        String container = ChatDeployment.container();
        try (ChromiumBrowser first = ChromiumBrowser.open("first", root);
             ChromiumBrowser second = ChromiumBrowser.open("second", root)) {
            first.awaitConnected();
            second.awaitConnected();
            first.awaitWebSocket();
            second.awaitWebSocket();

            String hello = "Hello from the first browser on " + container;
            first.type(hello);
            first.awaitMessages(List.of(hello));
            second.awaitMessages(List.of(hello));

            String reply = "Hi! The second browser here, on " + container + " too";
            second.type(reply);
            first.awaitMessages(List.of(hello, reply));
            second.awaitMessages(List.of(hello, reply));

            first.draft("(the first browser, typing)");
            second.draft("(the second browser, typing)");
            first.screenshot(SCREENSHOTS.resolve("chat-first-browser.png"));
            second.screenshot(SCREENSHOTS.resolve("chat-second-browser.png"));
        }
    }
}
