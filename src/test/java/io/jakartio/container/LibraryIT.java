package io.jakartio.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jakartio.container.shop.Rooms;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipFile;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONException;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jakartio as a library in someone else's application: a WAR made of the library artifact
 * ({@code target/jakartio-lib.jar} in {@code WEB-INF/lib}) and one handler class of its own
 * ({@link Rooms}), deployed at {@code /shop}; on Tomcat, which has no CDI, with what the README
 * tells a Tomcat user to add (Weld, Yasson, the {@code context.xml} that publishes Weld's
 * BeanManager, and a {@code beans.xml}). The container must find everything in the jar: the
 * listeners that start Socket.IO and record a WebSocket handshake's address, the CDI producer of
 * the {@code Server}, and (with {@code -Djakartio.websocket=jsr356}) the endpoint configuration.
 * The official Java client connects, is acknowledged, joins rooms and hears a room's broadcasts,
 * on every transport.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LibraryIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ArquillianResource
    private URL deployed;

    private URI server;
    private String path;

    @Deployment(testable = false)
    static WebArchive shop() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "shop.war")
                .addAsLibrary(TestedContainer.existingFile("jakartio.it.library"))
                .addClasses(Rooms.class, Rooms.Line.class);
        if (!TestedContainer.current().providesCdi()) {
            File[] cdi = TestedContainer.existingFile("jakartio.it.tomcat-libs").listFiles((dir, name) -> name.endsWith(".jar"));
            war.addAsLibraries(cdi)
                    .addAsManifestResource(TestedContainer.existingFile("jakartio.it.tomcat-context"), "context.xml")
                    // Weld on Tomcat discovers the application's own beans only with a beans.xml
                    .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        }
        return war;
    }

    @BeforeEach
    void serverOnLoopback() throws URISyntaxException {
        // Payara Micro reports the machine's external address although it listens on 127.0.0.1
        server = new URI("http", null, "127.0.0.1", deployed.getPort(), null, null, null);
        path = deployed.getPath().endsWith("/") ? deployed.getPath() : deployed.getPath() + "/";
    }

    @Test
    void theLibraryHoldsNoChatAndIsABeanArchiveWithANamedWebFragment() throws IOException {
        try (ZipFile jar = new ZipFile(TestedContainer.existingFile("jakartio.it.library"))) {
            assertTrue(jar.stream().noneMatch(entry -> entry.getName().startsWith("io/jakartio/chat/")), "no chat in the library");
            for (String entry : List.of("META-INF/beans.xml", "META-INF/web-fragment.xml", "io/jakartio/cdi/SocketIoBootstrap.class",
                    "io/jakartio/servlet/client/socket.io.min.js")) {
                assertTrue(jar.getEntry(entry) != null, () -> "the library has no " + entry);
            }
        }
    }

    @Test
    void theApplicationServesTheClientScriptButNoChatPage() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        assertEquals(200, get(http, path + "socket.io/socket.io.min.js"), "the client script, from the library");
        // 404, or 403 on WildFly, whose default servlet refuses to list the application's root
        int root = get(http, path);
        assertTrue(root == 404 || root == 403, () -> "the chat's page is not in the library, but GET " + path + " answered " + root);
    }

    @Test
    void theJavaClientIsWelcomedAndItsEventsAreAcknowledged() {
        try (Member alice = Member.connect("alice", server, path, "polling", "websocket")) {
            assertEquals(alice.id(), alice.next(alice.welcomes), "the @OnConnect welcome carries the socket's id");
            assertEquals(List.of(alice.id(), "127.0.0.1"), alice.acknowledgement("whoami"), "io.on(\"connection\", ...) handler's acknowledgement");
            assertEquals(1, alice.emitWithAck("join", "pantry"), "the room's size, acknowledged once fetchSockets completed");
        }
    }

    @Test
    void handlersAndTheSchedulersCallbacksRunWithTheApplicationsClassLoaderBeansAndNames() {
        // on WildFly the native WebSocket's reads run on Undertow's I/O threads, without the
        // application's context (the class loader is WildFly's I/O module, no java:comp):
        // Jakartio runs its handlers in the context captured at startup (ApplicationContext).
        // The scheduler's thread comes from the container's ManagedThreadFactory where there is
        // one: on WildFly a thread of Jakartio's own had no java:comp namespace
        for (String transport : List.of("websocket", "polling")) {
            try (Member alice = Member.connect("alice (" + transport + ")", server, path, transport)) {
                assertEquals(List.of(true, true, true, true, true, true), alice.acknowledgement("context"),
                        "the handler's class loader, CDI and java:comp/env, then the acknowledgement timeout's, over " + transport);
            }
        }
    }

    @Test
    void aHandlerThatBlocksHoldsUpNoOtherConnection() throws Exception {
        // A handler may block (JDBC, a remote call). On WildFly the native WebSocket's reads run on
        // Undertow's I/O threads, two per core, each reading many connections: Jakartio hands
        // their frames to the container's ManagedExecutorService (InboundDispatch), so a blocked
        // handler holds one of its threads and no other connection. 16 others: with 4 I/O threads,
        // some share the slow one's (before, theirs answered only when it was done).
        List<Member> others = new ArrayList<>();
        try (Member slow = Member.connect("slow (websocket)", server, path, "websocket")) {
            for (int i = 0; i < 16; i++) {
                others.add(Member.connect("other " + i + " (websocket)", server, path, "websocket"));
            }
            CompletableFuture<List<Object>> blocked = slow.acknowledgementLater("block", 4_000);
            Thread.sleep(300); // its handler is blocking now
            for (Member other : others) {
                long start = System.nanoTime();
                assertEquals(other.id(), other.acknowledgement("whoami").get(0));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 1_500, () -> other.name + " was answered after " + millis + " ms, while another client's handler blocked");
            }
            assertEquals(List.of(true), slow.await(blocked, "acknowledgement of block"), "the blocked handler completes");
        } finally {
            others.forEach(Member::close);
        }
    }

    @Test
    void aRoomBroadcastReachesTheRoomsMembersOnEveryTransportAndNobodyElse() throws JSONException {
        try (Member alice = Member.connect("alice (websocket only)", server, path, "websocket");
             Member bob = Member.connect("bob (polling only)", server, path, "polling");
             Member carol = Member.connect("carol (polling, upgraded)", server, path, "polling", "websocket")) {
            // the address of a WebSocket handshake (UpgradeRequestAddress with -Djakartio.websocket=jsr356)
            assertEquals(List.of(alice.id(), "127.0.0.1"), alice.acknowledgement("whoami"));
            assertEquals(1, alice.emitWithAck("join", "kitchen"));
            assertEquals(2, bob.emitWithAck("join", "kitchen"));
            // io.to(room) includes the one who just joined
            assertEquals("kitchen " + alice.id(), alice.next(alice.joins), "alice hears herself join");
            assertEquals("kitchen " + bob.id(), alice.next(alice.joins), "alice hears bob join");
            assertEquals("kitchen " + bob.id(), bob.next(bob.joins), "bob hears himself join");
            assertEquals(1, carol.emitWithAck("join", "garden"));

            assertEquals(true, alice.emitWithAck("say", new JSONObject().put("room", "kitchen").put("text", "soup's ready — 수프")));
            for (Member member : List.of(alice, bob)) {
                assertEquals("kitchen: soup's ready — 수프", member.next(member.lines), member.name + " in the kitchen");
            }
            // Broadcasts reach a socket in the order they were made: carol's first line is the
            // garden's, so the kitchen's never reached her.
            assertEquals(true, bob.emitWithAck("say", new JSONObject().put("room", "garden").put("text", "roses")));
            assertEquals("garden: roses", carol.next(carol.lines), "carol hears only the garden");
        }
    }

    private int get(HttpClient http, String requestPath) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(requestPath)).timeout(WAIT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One user with the official Java client, recording what the application sends it. */
    private static final class Member implements AutoCloseable {

        final String name;
        final BlockingQueue<String> welcomes = new LinkedBlockingQueue<>();
        final BlockingQueue<String> joins = new LinkedBlockingQueue<>();
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Socket socket;

        private Member(String name, Socket socket) {
            this.name = name;
            this.socket = socket;
            socket.on("welcome", args -> welcomes.add(String.valueOf(args[0])));
            socket.on("joined", args -> joins.add(args[0] + " " + args[1]));
            socket.on("said", args -> {
                JSONObject line = (JSONObject) args[0];
                lines.add(line.optString("room") + ": " + line.optString("text"));
            });
        }

        static Member connect(String name, URI server, String path, String... transports) {
            IO.Options options = IO.Options.builder()
                    .setForceNew(true)
                    .setReconnection(false)
                    .setPath(path + "socket.io/")
                    .setTransports(transports)
                    .build();
            Member member = new Member(name, IO.socket(server, options));
            CompletableFuture<Void> connected = new CompletableFuture<>();
            member.socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
            member.socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                    new AssertionError(name + " could not connect: " + (args.length > 0 ? args[0] : ""))));
            member.socket.connect();
            member.await(connected, "connect");
            return member;
        }

        String id() {
            return socket.id();
        }

        /** @return the first argument of the acknowledgement of {@code event} */
        Object emitWithAck(String event, Object... args) {
            List<Object> reply = acknowledgement(event, args);
            return reply.isEmpty() ? null : reply.get(0);
        }

        /** @return the arguments of the acknowledgement of {@code event} */
        List<Object> acknowledgement(String event, Object... args) {
            return await(acknowledgementLater(event, args), "acknowledgement of " + event);
        }

        /** @return the arguments of the acknowledgement of {@code event}, once it comes */
        CompletableFuture<List<Object>> acknowledgementLater(String event, Object... args) {
            CompletableFuture<List<Object>> ack = new CompletableFuture<>();
            socket.emit(event, args, reply -> ack.complete(List.of(reply)));
            return ack;
        }

        String next(BlockingQueue<String> received) {
            try {
                String value = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return value != null ? value : fail(name + " received nothing within " + WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }

        <T> T await(CompletableFuture<T> future, String what) {
            try {
                return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return fail(name + ": no " + what + " within " + WAIT);
            } catch (ExecutionException e) {
                return fail(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
