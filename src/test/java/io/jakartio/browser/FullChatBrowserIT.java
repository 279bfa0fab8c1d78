package io.jakartio.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jakartio.chat.FullChat;
import io.jakartio.chat.RateLimiter;
import io.jakartio.chat.seed.ChatPageServlet;
import io.jakartio.chat.store.ChatStore;
import io.jakartio.chat.web.ChatAppServlet;
import io.jakartio.container.ChromiumBrowser;
import io.jakartio.server.Server;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.Closing;
import io.jakartio.testing.EmbeddedTomcat;
import io.jakartio.testing.TcpProxy;
import io.jakartio.testing.TestDatabase;
import io.socket.client.IO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The full chat's page at {@code /chat/} in headless Chromium, three people (Alice with two tabs,
 * Bob, Carol whose network a test can cut) and a late fourth, against the real server: the seed's
 * chat on {@code /}, {@link FullChat} on {@code /chat} over an H2 database, {@link ChatAppServlet}
 * and {@link ChatPageServlet}, in an embedded Tomcat (H2, or PostgreSQL with
 * {@code -Djakartio.it.chat-database=postgresql}). The scenarios of issue 15's "Prove it" run
 * in order on the same chat, each on what the ones before left. Screenshots at desktop and phone
 * widths go to {@code target/screenshots/chat/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class FullChatBrowserIT {

    /**
     * Shorter than the chat's 2 s, to keep the test short, and still longer than a reload or the
     * page's 1 s wait before reconnecting when the server let go of it.
     */
    private static final Duration LEAVE_GRACE = Duration.ofMillis(1500);

    private static final Path SCREENSHOTS = Path.of(System.getProperty("jakartio.it.chat-screenshots",
            "target/screenshots/chat"));

    private TestDatabase database;
    private RoomListGate roomListGate;
    private Server io;
    private EmbeddedTomcat tomcat;
    private TcpProxy carolsNetwork;
    private ChatPage alice;
    private ChatPage aliceSecondTab;
    private ChatPage bob;
    private ChatPage carol;
    private ChatPage dave;
    private List<ChatPage> opened = List.of();
    /** The nicknames of the sockets connection state recovery gave back, in order. */
    private final List<String> recovered = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTheChat() throws Exception {
        ChromiumBrowser.requireChromium();
        // H2 unless -Djakartio.it.chat-database=postgresql (the PostgreSQL on 127.0.0.1:5432)
        database = "postgresql".equals(System.getProperty("jakartio.it.chat-database"))
                ? TestDatabase.postgres() : TestDatabase.h2();
        io = new Server(FullChat.serverOptions().build()); // connection state recovery on, as in the WAR
        // the seed's chat, as io.jakartio.chat.seed.ChatHandlers has it
        io.on("connection", socket -> {
            socket.broadcast().emit("hi");
            socket.on("chat message", args -> io.emit("chat message", args[0]));
        });
        roomListGate = new RoomListGate(database.dataSource()); // the database as it is, unless a test holds a query
        // a welcome held by the gate is let go once a "user joined" has been queued for the sockets
        // (300 ms on, when the broadcast has reached them all, and a polling page has read it while
        // its POST was still held: see PollingTransport.POST_HOLD): it then sends its session after it
        io.of(FullChat.NAMESPACE).on("connection", socket -> socket.onAnyOutgoing((event, args) -> {
            if ("user joined".equals(event) && roomListGate.holding()) {
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(roomListGate::release);
            }
        }));
        FullChat.install(io, new ChatStore(roomListGate.dataSource()), RateLimiter.chatDefault(), LEAVE_GRACE);
        io.of(FullChat.NAMESPACE).on("connection", socket -> {
            if (socket.recovered()) {
                recovered.add(String.valueOf(socket.data().get("nickname")));
            }
        });
        tomcat = EmbeddedTomcat.start(0, (context, websocket) -> {
            SocketIoRegistration.register(context, io);
            context.addServlet("chat-page", new ChatPageServlet()).addMapping("");
            context.addServlet("chat-app", new ChatAppServlet()).addMapping("/chat", "/chat/*");
        });
        carolsNetwork = TcpProxy.to(tomcat.port());
        // four browsers start together (a few seconds each); Dave's waits on the join form until his test
        List<CompletableFuture<ChatPage>> starting = List.of(
                open("alice", chat()), open("bob", chat()), open("carol", URI.create(carolsNetwork.url() + "/chat/")),
                open("dave", chat()));
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        opened = starting.stream().filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join).toList();
        alice = starting.get(0).join();
        bob = starting.get(1).join();
        carol = starting.get(2).join();
        dave = starting.get(3).join();
    }

    private static CompletableFuture<ChatPage> open(String name, URI page) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ChatPage.open(name, page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @AfterAll
    void stopTheChat() {
        List<AutoCloseable> all = new ArrayList<>(opened);
        all.addAll(Arrays.asList(carolsNetwork, tomcat, io, database));
        Closing.quietly(all.toArray(AutoCloseable[]::new));
    }

    private URI chat() {
        return URI.create(tomcat.url() + "/chat/");
    }

    @Test
    @Order(1)
    void theJoinFormsControlsHaveTheAccessibleNamesTheIssueAsksFor() {
        assertEquals("Nickname", alice.accessibleName(By.id("nickname")));
        assertEquals("Join", alice.accessibleName(By.cssSelector("#join-form button")));
        assertEquals("status", alice.role(By.id("banner")));
        assertEquals("alert", alice.role(By.id("join-error")));
    }

    @Test
    @Order(2)
    void aNicknameIsRequiredAndOneOnlineUnderAnotherUserIsTaken() {
        alice.join("   ");
        alice.awaitJoinRefused("nickname required");

        bob.join("Bob");
        bob.awaitJoined();
        carol.join("  BOB ");
        carol.awaitJoinRefused("nickname taken");

        carol.join("Carol");
        carol.awaitJoined();
        alice.join("Alice");
        alice.awaitJoined();
        assertEquals("#general", alice.title());
    }

    @Test
    @Order(3)
    void theChatsControlsHaveTheAccessibleNamesTheIssueAsksFor() {
        assertEquals("Message", alice.accessibleName(By.id("message")));
        assertEquals("Send", alice.accessibleName(By.cssSelector("#composer button")));
        assertEquals("log", alice.role(By.id("messages")));
        assertEquals("Messages", alice.accessibleName(By.id("messages")));
        assertEquals("Online", alice.accessibleName(By.id("online")));
        assertEquals("Rooms", alice.accessibleName(By.id("rooms")));
    }

    @Test
    @Order(4)
    void everyoneSeesWhoIsOnlineAndASecondTabOfAliceCountsOnce() {
        List<String> everyone = List.of("Alice", "Bob", "Carol");
        for (ChatPage page : List.of(alice, bob, carol)) {
            page.awaitOnline(everyone);
        }
        bob.waitFor("one 'Alice joined'", () -> bob.notices().contains("Alice joined"));

        aliceSecondTab = alice.newTab("alice's second tab", chat());
        assertEquals("Alice", aliceSecondTab.nickname(), "the nickname this browser used last");
        aliceSecondTab.pressJoin(); // the same browser: the same userId, so not taken
        aliceSecondTab.awaitJoined();
        aliceSecondTab.awaitOnline(everyone);
        // anything the server broadcast for the second tab came before this message
        carol.say("are we three?");
        bob.awaitMessage("Carol: are we three?");
        assertEquals(everyone, bob.online());
        assertEquals(1, bob.notices().stream().filter("Alice joined"::equals).count(), "bob's notices " + bob.notices());
        assertEquals(1, carol.notices().stream().filter("Alice joined"::equals).count(), "carol's notices " + carol.notices());
    }

    @Test
    @Order(5)
    void typingShowsToTheOthersInTheRoomAndClearsAfterAFewSecondsWithoutKeystrokes() {
        bob.draft("I am wri");
        long idleSince = System.nanoTime(); // the last keystroke was before this
        try {
            alice.awaitTyping("Bob is typing…");
            carol.awaitTyping("Bob is typing…");
            assertEquals("", bob.typing(), "no one is typing for bob himself");

            alice.awaitTyping("");
            assertTrue(System.nanoTime() - idleSince > 2_000_000_000L, "cleared only after a few seconds without keystrokes");
        } finally {
            bob.clearDraft(); // the next tests type in the same field
        }
    }

    @Test
    @Order(6)
    void aRoomMessageIsSeenOnlyByTheRoomsMembersWithAnUnreadCountForThoseElsewhere() {
        alice.joinRoom("jakarta");
        // every tab of a user is in the same rooms: Alice's other tab's list follows at once
        aliceSecondTab.waitFor("#jakarta joined in the second tab", () -> aliceSecondTab.joined("jakarta"));
        bob.waitFor("#jakarta in the room list", () -> bob.rooms().contains("jakarta"));
        assertFalse(bob.joined("jakarta"));
        bob.openRoom("jakarta"); // joins it
        bob.waitFor("bob in #jakarta", () -> bob.joined("jakarta"));
        bob.openRoom("general");

        alice.say("only for jakarta members");
        alice.awaitMessage("Alice: only for jakarta members");
        bob.waitFor("one unread in #jakarta", () -> bob.unread("jakarta") == 1);
        bob.openRoom("jakarta");
        bob.awaitMessage("Alice: only for jakarta members");
        assertEquals(0, bob.unread("jakarta"));
        aliceSecondTab.openRoom("jakarta"); // Alice's other tab got it too
        aliceSecondTab.awaitMessage("Alice: only for jakarta members");

        bob.leaveRoom("jakarta");
        alice.say("after bob left");
        aliceSecondTab.awaitMessage("Alice: after bob left");
        alice.openRoom("general");
        alice.say("back in general");
        bob.awaitMessage("Alice: back in general");
        carol.awaitMessage("Alice: back in general");
        assertFalse(bob.pageText().contains("after bob left"), "bob left #jakarta before");
        assertFalse(carol.pageText().contains("jakarta members"), "carol never joined #jakarta");
        assertFalse(bob.joined("jakarta"));
    }

    @Test
    @Order(7)
    void theOtherTabsRoomListFollowsAJoinAndALeaveWithoutAReload() {
        aliceSecondTab.joinRoom("scratch");
        alice.waitFor("#scratch joined in the first tab", () -> alice.joined("scratch"));
        alice.openRoom("scratch");
        aliceSecondTab.leaveRoom("scratch");
        alice.waitFor("#scratch left in the first tab", () -> !alice.joined("scratch"));
        alice.waitFor("#general shown instead of the room left", () -> "#general".equals(alice.title()));
        assertTrue(alice.joined("jakarta"), "the other rooms stay");
    }

    @Test
    @Order(8)
    void aDirectMessageReachesEveryTabOfItsTargetAndOfItsSenderAndNobodyElse() {
        ChatScenarios.directMessageToEveryTab(bob, alice, aliceSecondTab);
        carol.say("anyone?");
        bob.openRoom("general");
        bob.awaitMessage("Carol: anyone?");
        assertFalse(carol.pageText().contains("psst") || carol.pageText().contains("only you"), "carol saw a DM");
        alice.openRoom("general");
    }

    @Test
    @Order(9)
    void aMessageATabClosedBeforeSendingIsSentByTheUsersOtherTabAndShownOnce() throws Exception {
        aliceSecondTab.openRoom("general");
        // offline in that tab alone: its message waits, unsent, in this browser's outbox
        aliceSecondTab.script("window.jakartioChat.socket.disconnect();"
                + " document.getElementById('message').value = 'left behind by a closed tab';"
                + " document.getElementById('composer').requestSubmit();");
        assertEquals("sending…", aliceSecondTab.mark("left behind by a closed tab"));
        aliceSecondTab.close();
        aliceSecondTab = null;
        alice.awaitMessageData("left behind by a closed tab", "state", "sent");
        bob.awaitMessage("Alice: left behind by a closed tab");
        assertEquals(1, alice.messages().stream().filter("Alice: left behind by a closed tab"::equals).count());
        assertEquals(1, storedWithText("left behind by a closed tab"));

        carol.say("is alice still here?");
        bob.awaitMessage("Carol: is alice still here?");
        assertEquals(List.of("Alice", "Bob", "Carol"), bob.online(), "Alice's other tab is still there");
        assertFalse(bob.notices().contains("Alice left"));
    }

    @Test
    @Order(10)
    void someoneJoiningLateGetsTheRecentHistoryAndLeavesAfterTheGrace() throws Exception {
        long closed;
        try {
            // with the keyboard alone: the page starts in the Nickname field, Enter joins and
            // leaves the focus in the Message field, Enter sends
            assertEquals("Nickname", dave.focused());
            dave.typeKeys("Dave", Keys.ENTER);
            dave.awaitJoined();
            dave.waitFor("the focus in Message", () -> "Message".equals(dave.focused()));
            dave.typeKeys("hi all, dave here", Keys.ENTER);
            dave.awaitMessageData("hi all, dave here", "state", "sent");
            bob.awaitMessage("Dave: hi all, dave here");
            dave.awaitMessage("Carol: are we three?");
            dave.awaitMessage("Alice: back in general");
            dave.awaitMessage("Carol: is alice still here?");
            assertFalse(dave.pageText().contains("jakarta members"), "a room Dave is not in");
            assertFalse(dave.pageText().contains("psst"), "someone else's direct message");
        } finally {
            closed = System.nanoTime();
            dave.close();
        }
        opened = opened.stream().filter(page -> page != dave).toList();
        bob.waitFor("Dave left", () -> bob.notices().contains("Dave left"));
        assertTrue(System.nanoTime() - closed >= LEAVE_GRACE.toNanos(), "'Dave left' only after the grace");
    }

    @Test
    @Order(11)
    void aMessageShowsAsSentOnlyOnceTheServerAcknowledgedIt() {
        carolsNetwork.cut();
        carol.awaitBanner();
        carol.say("written offline");
        assertEquals("pending", carol.messageData("written offline", "state"));
        assertEquals("sending…", carol.mark("written offline"));
        alice.say("while carol was away");
        bob.awaitMessage("Alice: while carol was away");

        carolsNetwork.heal();
        carol.awaitNoBanner();
        carol.awaitMessageData("written offline", "state", "sent");
        assertEquals("✓", carol.mark("written offline"));
        // the missed message, by connection state recovery (her socket back, the packets she
        // missed resent: no history asked of the database); nothing twice
        carol.awaitMessage("Alice: while carol was away");
        assertEquals(List.of("Carol"), recovered, "Carol's socket recovered, nobody else's");
        alice.awaitMessage("Carol: written offline");
        bob.awaitMessage("Carol: written offline");
        List<String> seen = carol.messages();
        assertEquals(seen.stream().distinct().toList(), seen, "carol's messages, each once");
    }

    @Test
    @Order(12)
    void aMessageSentOfflineSurvivesAReloadAndIsDeliveredOnceWhenTheNetworkIsBack() throws Exception {
        carolsNetwork.cut();
        carol.awaitBanner();
        carol.say("written offline, then reloaded");
        assertEquals("sending…", carol.mark("written offline, then reloaded"));
        carol.reloadOffline(); // the browser's error page: the network is still cut

        carolsNetwork.heal();
        carol.reload(); // as the person would, once the network is back
        carol.awaitJoined();
        carol.awaitMessageData("written offline, then reloaded", "state", "sent");
        assertEquals("✓", carol.mark("written offline, then reloaded"));
        alice.awaitMessage("Carol: written offline, then reloaded");
        bob.awaitMessage("Carol: written offline, then reloaded");
        assertEquals(1, storedWithText("written offline, then reloaded"));
        List<String> seen = carol.messages();
        assertEquals(seen.stream().distinct().toList(), seen, "carol's messages, each once");
        assertTrue(seen.contains("Carol: written offline, then reloaded"));
    }

    @Test
    @Order(13)
    void aMessageWhoseAckWasLostIsSentAgainAndStillShownOnce() throws Exception {
        // Send, and drop the connection in the same turn of the page's event loop: the server gets
        // the message, but its ack never arrives; the page sends it again when it reconnects.
        bob.script("document.getElementById('message').value = 'the ack of this one got lost';"
                + " document.getElementById('composer').requestSubmit();"
                + " window.jakartioChat.socket.io.engine.close();");
        bob.awaitMessageData("the ack of this one got lost", "state", "sent");
        assertTrue(Integer.parseInt(bob.messageData("the ack of this one got lost", "attempts")) >= 2,
                "sent again after the connection dropped");
        bob.awaitMessage("Bob: the ack of this one got lost");
        alice.awaitMessage("Bob: the ack of this one got lost");
        carol.awaitMessage("Bob: the ack of this one got lost");
        assertEquals(1, storedWithText("the ack of this one got lost"));
        bob.say("and then another");
        alice.awaitMessage("Bob: and then another");
        assertEquals(1, alice.messages().stream().filter("Bob: the ack of this one got lost"::equals).count());
    }

    @Test
    @Order(14)
    void theServerDroppingEveryoneShowsTheBannerAndTheChatComesBackWithNicknamesAndRooms() {
        recovered.clear();
        io.of(FullChat.NAMESPACE).disconnectSockets(false);
        alice.awaitBanner();
        alice.awaitNoBanner();
        bob.awaitNoBanner();
        carol.awaitNoBanner();
        assertTrue(alice.joined("jakarta"), "Alice's rooms restored");
        assertEquals("Alice", alice.script("return document.getElementById('whoami').textContent"));
        alice.awaitOnline(List.of("Alice", "Bob", "Carol"));
        // a socket the server disconnected is not recoverable (as in Node): new sockets, the
        // missed messages from the database after each page's serverOffset
        assertEquals(List.of(), recovered, "no socket recovered after the server let go");
        alice.say("still here after the server let go");
        bob.awaitMessage("Alice: still here after the server let go");
        carol.awaitMessage("Alice: still here after the server let go");
    }

    @Test
    @Order(15)
    void someoneArrivingWhileAPageConnectsIsOnlineOnThatPageThoughTheNewsCameBeforeTheList() throws Exception {
        // Erin, with the official Java client, joins while the server's welcome of Alice's page is
        // held (until "user joined" has gone to Alice's socket: a few milliseconds)
        IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"}).setReconnection(false)
                .setAuth(Map.of("nickname", "Erin", "userId", "erin-" + UUID.randomUUID())).build();
        io.socket.client.Socket erin = IO.socket(URI.create(tomcat.url() + FullChat.NAMESPACE), options);
        CompletableFuture<Object> erinsSession = new CompletableFuture<>();
        erin.on("session", args -> erinsSession.complete(args[0]));
        try {
            // Alice's page connects again, over polling first as a page does: its CONNECT is in a
            // POST, whose thread runs the welcome; the welcome has taken the list of who is online
            // (without Erin) and is held before it sends it
            roomListGate.arm();
            alice.script("window.jakartioChat.socket.io.engine.close();");
            try {
                assertTrue(roomListGate.awaitHeld(Duration.ofSeconds(15)), "alice's page connected again");
                // meanwhile Erin arrives: "user joined" reaches Alice's page before its list
                erin.connect();
                erinsSession.get(10, TimeUnit.SECONDS);
                assertTrue(roomListGate.awaitReleased(Duration.ofSeconds(10)), "'user joined' went to the sockets");
            } finally {
                roomListGate.release();
            }
            alice.awaitNoBanner();
            alice.awaitOnline(List.of("Alice", "Bob", "Carol", "Erin"));
            assertTrue(alice.notices().contains("Erin joined"), "alice's notices " + alice.notices());
            bob.awaitOnline(List.of("Alice", "Bob", "Carol", "Erin"));
        } finally {
            erin.close();
        }
        for (ChatPage page : List.of(alice, bob, carol)) {
            page.awaitOnline(List.of("Alice", "Bob", "Carol"));
        }
    }

    @Test
    @Order(16)
    void htmlInAMessageIsShownAsTextAndNeverRun() {
        String attack = "<img src=x onerror=\"window.injected=1\"><b>bold?</b><script>window.injected=2</script>";
        carol.say(attack);
        alice.awaitMessage("Carol: " + attack);
        bob.awaitMessage("Carol: " + attack);
        for (ChatPage page : List.of(alice, bob, carol)) {
            assertNull(page.script("return window.injected === undefined ? null : window.injected"));
            assertEquals(0L, page.script("return document.querySelectorAll('#messages img, #messages b, #messages script').length"));
        }
    }

    @Test
    @Order(17)
    void aReloadedTabRejoinsAsTheSameNicknameAndShowsEachMessageOnceWithNoLeftOrJoinedLine() {
        List<String> before = bob.messages();
        List<String> alicesNotices = alice.notices();
        List<String> carolsNotices = carol.notices();
        long reloaded = System.nanoTime();
        bob.reload();
        bob.awaitJoined();
        long back = System.nanoTime();
        assertEquals("Bob", bob.script("return document.getElementById('whoami').textContent"));
        alice.say("welcome back, bob");
        bob.awaitMessage("Alice: welcome back, bob");
        List<String> after = bob.messages();
        assertEquals(before, after.subList(0, before.size()), "what bob had seen, from this browser's storage");
        assertEquals(after.stream().distinct().toList(), after, "each message once");

        // Bob came back within the grace: until well after it would have ended, nobody sees him leave or join
        assumeTrue(back - reloaded < LEAVE_GRACE.toNanos(), "the reload took longer than the grace here");
        long quietUntil = reloaded + LEAVE_GRACE.toNanos() + 300_000_000L;
        LockSupport.parkNanos(quietUntil - System.nanoTime());
        assertEquals(alicesNotices, alice.notices(), "no 'Bob left' or 'Bob joined' line for a reload");
        assertEquals(carolsNotices, carol.notices(), "no 'Bob left' or 'Bob joined' line for a reload");
    }

    @Test
    @Order(18)
    void theSeedsPageAndTheFullChatHearEachOther() {
        ChatPage seed = bob.newTab("the seed's page", URI.create(tomcat.url() + "/"));
        try {
            seed.awaitSeedConnected();
            seed.seedSay("hello from the tutorial's page");
            seed.awaitSeedMessage("hello from the tutorial's page");
            alice.awaitMessage("guest: hello from the tutorial's page");
            carol.awaitMessage("guest: hello from the tutorial's page");

            alice.say("hello, tutorial");
            seed.awaitSeedMessage("Alice: hello, tutorial");
        } finally {
            seed.close();
        }
    }

    @Test
    @Order(19)
    void thePageFitsDesktopAndPhoneWidths() throws Exception {
        alice.emulateScreen(1280, 800, false);
        alice.screenshot(SCREENSHOTS.resolve("desktop-1280x800.png"));
        alice.emulateScreen(375, 740, true);
        alice.waitFor("the phone layout", () -> Boolean.TRUE.equals(alice.script(
                "return getComputedStyle(document.getElementById('sidebar')).display === 'none'")));
        assertEquals(Boolean.TRUE, alice.script("return document.documentElement.scrollWidth <= window.innerWidth"),
                "nothing wider than a phone");
        alice.screenshot(SCREENSHOTS.resolve("phone-375x740.png"));
        alice.script("document.getElementById('sidebar-toggle').click()");
        alice.screenshot(SCREENSHOTS.resolve("phone-375x740-sidebar.png"));
        alice.script("document.getElementById('sidebar-toggle').click()");
        alice.stopEmulatingScreen();
    }

    @Test
    @Order(20)
    void tooManyMessagesAreRefusedAndThePageSaysSo() {
        carol.script("for (var i = 0; i < 22; i++) {"
                + " document.getElementById('message').value = 'flood ' + i;"
                + " document.getElementById('composer').requestSubmit(); }");
        carol.waitFor("an error ack shown", () -> "too many messages".equals(carol.sendError()));
        carol.awaitMessageData("flood 21", "state", "failed");
        assertEquals("not sent: too many messages", carol.mark("flood 21"));
        assertFalse(alice.pageText().contains("flood 21"));
    }

    private long storedWithText(String text) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM chat_message WHERE body = ?")) {
            query.setString(1, text);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
