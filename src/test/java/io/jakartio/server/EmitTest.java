package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.RawJson;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who receives what: the emit variants, namespaces, and how arguments are encoded. */
class EmitTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    record Point(int x, int y) { }

    /** Not a record, not a map: needs the JSON mapper. */
    static final class Pojo {
        final String name;

        Pojo(String name) {
            this.name = name;
        }
    }

    /** The main namespace's sockets, in connection order. */
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private boolean recording;

    /** @return the server, recording its connections in {@link #sockets} */
    private Server io() {
        Server io = harness.server();
        if (!recording) {
            recording = true;
            io.on("connection", sockets::add);
        }
        return io;
    }

    @Test
    void ioEmitReachesEverySocketIncludingTheSender() {
        io().on("connection", socket -> socket.on("shout", args -> harness.server().emit("news", args[0])));
        FakeClient alice = harness.connect();
        FakeClient bob = harness.connect();
        FakeClient carol = harness.connect();

        alice.send("2[\"shout\",\"hi\"]");

        alice.expect("2[\"news\",\"hi\"]");
        bob.expect("2[\"news\",\"hi\"]");
        carol.expect("2[\"news\",\"hi\"]");
    }

    @Test
    void socketEmitReachesOnlyItsClient() {
        io();
        FakeClient alice = harness.connect();
        FakeClient bob = harness.connect();

        sockets.get(0).emit("private", 1);

        alice.expect("2[\"private\",1]");
        bob.assertNoMoreFrames();
    }

    @Test
    void socketBroadcastReachesEverySocketButTheSender() {
        io().on("connection", socket -> socket.on("shout", args -> socket.broadcast().emit("news", args[0])));
        FakeClient alice = harness.connect();
        FakeClient bob = harness.connect();
        FakeClient carol = harness.connect();

        alice.send("2[\"shout\",\"hi\"]");

        alice.assertNoMoreFrames();
        bob.expect("2[\"news\",\"hi\"]");
        carol.expect("2[\"news\",\"hi\"]");
    }

    @Test
    void toASocketIdReachesThatSocketOnly() {
        io();
        FakeClient alice = harness.connect();
        FakeClient bob = harness.open();
        String bobId = bob.connect();

        io().to(bobId).emit("dm", "psst");

        bob.expect("2[\"dm\",\"psst\"]");
        alice.assertNoMoreFrames();
    }

    @Test
    void severalRoomsReachTheirUnionOnce() {
        io();
        FakeClient inA = harness.connect();
        FakeClient inB = harness.connect();
        FakeClient inBoth = harness.connect();
        FakeClient inNone = harness.connect();
        sockets.get(0).join("a");
        sockets.get(1).join("b");
        sockets.get(2).join("a", "b");

        io().to("a").to("b").emit("news");
        io().in("a", "b", "nobody").emit("again");

        for (FakeClient client : List.of(inA, inB, inBoth)) {
            client.expect("2[\"news\"]");
            client.expect("2[\"again\"]");
        }
        inNone.assertNoMoreFrames();
    }

    @Test
    void exceptSkipsTheSocketsOfItsRooms() {
        io();
        FakeClient inA = harness.connect();
        FakeClient inAB = harness.connect();
        FakeClient inNone = harness.connect();
        sockets.get(0).join("a");
        sockets.get(1).join("a", "b");

        io().to("a").except("b").emit("a-not-b");
        io().except("a").emit("not-a");
        io().except(sockets.get(2).id()).emit("all-but-one");

        inA.expect("2[\"a-not-b\"]", "2[\"all-but-one\"]");
        inAB.expect("2[\"all-but-one\"]");
        inNone.expect("2[\"not-a\"]");
    }

    @Test
    void socketToARoomExcludesTheSenderEvenIfItIsInTheRoom() {
        io().on("connection", socket -> socket.join("room"));
        FakeClient sender = harness.connect();
        FakeClient member = harness.connect();
        FakeClient outsider = harness.connect();
        sockets.get(2).leave("room");

        sockets.get(0).to("room").emit("msg");
        sockets.get(0).in("room").emit("msg2");
        sockets.get(0).except("room").emit("msg3");

        member.expect("2[\"msg\"]", "2[\"msg2\"]");
        outsider.expect("2[\"msg3\"]");
        sender.assertNoMoreFrames();
    }

    @Test
    void operatorsAreImmutableAndReusable() {
        io();
        FakeClient inA = harness.connect();
        FakeClient inB = harness.connect();
        sockets.get(0).join("a");
        sockets.get(1).join("b");
        BroadcastOperator toA = io().to("a");

        toA.to("b").emit("both");
        toA.emit("only-a");

        inA.expect("2[\"both\"]", "2[\"only-a\"]");
        inB.expect("2[\"both\"]");
    }

    @Test
    void namespacesAreIsolated() {
        Server io = io();
        Namespace admin = io.of("/admin");
        FakeClient mainOnly = harness.connect();
        FakeClient adminOnly = harness.open();
        adminOnly.connect("/admin");
        FakeClient both = harness.open();
        both.connect();
        both.connect("/admin");
        sockets.get(0).join("room");
        admin.sockets().values().forEach(socket -> socket.join("room"));

        io.emit("main");
        admin.emit("admin", 1);
        io.to("room").emit("main-room");
        admin.to("room").emit("admin-room");

        mainOnly.expect("2[\"main\"]", "2[\"main-room\"]");
        adminOnly.expect("2/admin,[\"admin\",1]", "2/admin,[\"admin-room\"]");
        both.expect("2[\"main\"]", "2/admin,[\"admin\",1]", "2/admin,[\"admin-room\"]");
    }

    @Test
    void reservedEventNamesCannotBeEmitted() {
        io();
        harness.connect();
        Socket socket = sockets.get(0);

        for (String reserved : List.of("connect", "connect_error", "disconnect", "disconnecting",
                "newListener", "removeListener")) {
            assertThrows(IllegalArgumentException.class, () -> socket.emit(reserved), reserved);
            assertThrows(IllegalArgumentException.class, () -> io().emit(reserved), reserved);
            assertThrows(IllegalArgumentException.class, () -> io().to("room").emit(reserved), reserved);
            assertThrows(IllegalArgumentException.class, () -> socket.broadcast().emit(reserved), reserved);
            assertThrows(IllegalArgumentException.class,
                    () -> socket.timeout(Duration.ofSeconds(1)).emit(reserved, (AckCallback) (e, a) -> { }), reserved);
            assertThrows(IllegalArgumentException.class,
                    () -> io().timeout(Duration.ofSeconds(1)).emitWithAck(reserved), reserved);
        }
        assertThrows(IllegalArgumentException.class, () -> socket.emit(null));
    }

    @Test
    void recordsMapsAndListsAreWrittenAsJson() {
        io();
        FakeClient client = harness.connect();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1);
        map.put("a", List.of(true, "x"));
        map.put("n", null);

        sockets.get(0).emit("data", new Point(1, 2), map, List.of(1.5, 2), "é\"\n", 'c',
                Long.MAX_VALUE, new RawJson("{\"raw\":[1]}"));

        client.expect("2[\"data\",{\"x\":1,\"y\":2},{\"b\":1,\"a\":[true,\"x\"],\"n\":null},[1.5,2],"
                + "\"é\\\"\\n\",\"c\"," + Long.MAX_VALUE + ",{\"raw\":[1]}]");
    }

    @Test
    void byteArraysTravelAsBinaryAttachments() {
        io();
        FakeClient client = harness.connect();
        byte[] first = {1, 2, 3};
        byte[] second = {};

        sockets.get(0).emit("files", first, Map.of("inner", second));

        FakeClient.Received received = client.expect(
                "52-[\"files\",{\"_placeholder\":true,\"num\":0},{\"inner\":{\"_placeholder\":true,\"num\":1}}]");
        assertEquals(3, received.frames().size(), "the text frame, then one binary frame per attachment");
        assertArrayEquals(first, (byte[]) received.args().get(1));
        assertArrayEquals(second, (byte[]) ((Map<?, ?>) received.args().get(2)).get("inner"));
    }

    @Test
    void binaryBroadcastsInANamespaceCarryTheNamespace() {
        harness.server().of("/files");
        FakeClient client = harness.open();
        client.connect("/files");

        harness.server().of("/files").emit("file", (Object) new byte[] {9});

        FakeClient.Received received = client.expect("51-/files,[\"file\",{\"_placeholder\":true,\"num\":0}]");
        assertArrayEquals(new byte[] {9}, (byte[]) received.args().get(1));
    }

    @Test
    void objectsThatAreNotPlainValuesNeedAJsonMapper() {
        io();
        harness.connect();

        assertThrows(IllegalArgumentException.class, () -> sockets.get(0).emit("pojo", new Pojo("ada")));
    }

    @Test
    void theJsonMapperWritesApplicationObjects() {
        harness.options(o -> o.jsonMapper(value -> value instanceof Pojo pojo ? Map.of("name", pojo.name) : value));
        io();
        FakeClient client = harness.connect();

        sockets.get(0).emit("pojo", new Pojo("ada"));

        client.expect("2[\"pojo\",{\"name\":\"ada\"}]");
    }

    @Test
    void eventsFromTheClientReachTheListenersWithPlainValues() {
        List<Object> received = new CopyOnWriteArrayList<>();
        io().on("connection", socket -> socket.on("data", args -> received.add(Arrays.asList(args))));
        FakeClient client = harness.connect();

        client.send("2[\"data\",1,12345678901,1.5,\"s\",true,null,[1],{\"k\":\"v\"}]");

        assertEquals(List.of(Arrays.asList(1, 12345678901L, 1.5, "s", true, null, List.of(1),
                Map.of("k", "v"))), received);
    }

    @Test
    void aBinaryEventFromTheClientArrivesWithItsBytes() {
        List<Object[]> received = new CopyOnWriteArrayList<>();
        io().on("connection", socket -> socket.on("upload", received::add));
        FakeClient client = harness.connect();

        client.send("52-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"name\":\"f\",\"data\":{\"_placeholder\":true,\"num\":1}}]");
        assertTrue(received.isEmpty(), "waits for the attachments");
        client.sendBinary(new byte[] {1, 2});
        client.sendBinary(new byte[] {3});

        Object[] args = received.get(0);
        assertArrayEquals(new byte[] {1, 2}, (byte[]) args[0]);
        assertArrayEquals(new byte[] {3}, (byte[]) ((Map<?, ?>) args[1]).get("data"));
    }

    @Test
    void numericEventNamesReachListenersByTheirText() {
        List<Object> received = new CopyOnWriteArrayList<>();
        io().on("connection", socket -> socket.on("42", args -> received.add(args[0])));
        FakeClient client = harness.connect();

        client.send("2[42,\"answer\"]");

        assertEquals(List.of("answer"), received);
    }

    @Test
    void eventsWithoutListenersAndThrowingListenersAreHarmless() {
        List<Object> received = new CopyOnWriteArrayList<>();
        io().on("connection", socket -> socket
                .on("boom", args -> {
                    throw new IllegalStateException("listener bug");
                })
                .on("boom", args -> received.add("second listener")));
        FakeClient client = harness.connect();

        client.send("2[\"nobody-listens\"]");
        client.send("2[\"boom\"]");

        assertEquals(List.of("second listener"), received);
        assertTrue(sockets.get(0).connected());
    }

    @Test
    void offStopsOneListener() {
        List<Object> received = new CopyOnWriteArrayList<>();
        EventListener first = args -> received.add("first");
        io().on("connection", socket -> socket.on("e", first).on("e", args -> received.add("second")));
        FakeClient client = harness.connect();

        sockets.get(0).off("e", first);
        client.send("2[\"e\"]");

        assertEquals(List.of("second"), received);
    }
}
