package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broadcast encodes its packet once, whatever the number of recipients: every recipient's
 * connection is handed the very same frame objects.
 */
class EncodeOnceTest {

    private static final int CLIENTS = 5;

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    /** An application object only the JSON mapper can write: counts the encodings. */
    static final class Item {
        final int id;

        Item(int id) {
            this.id = id;
        }
    }

    private final AtomicInteger mapperCalls = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private List<FakeClient> connectClients() {
        harness.options(o -> o.jsonMapper(value -> {
            if (value instanceof Item item) {
                mapperCalls.incrementAndGet();
                return Map.of("id", item.id);
            }
            return value;
        }));
        harness.server().on("connection", sockets::add);
        List<FakeClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(harness.connect());
        }
        return clients;
    }

    private static void assertSameFrames(List<FakeClient.Received> received) {
        FakeClient.Received first = received.get(0);
        for (FakeClient.Received other : received) {
            assertEquals(first.frames().size(), other.frames().size());
            for (int i = 0; i < first.frames().size(); i++) {
                assertSame(first.frames().get(i), other.frames().get(i), "frame " + i + " was encoded again");
            }
        }
    }

    @Test
    void ioEmitHandsEveryConnectionTheSameFrame() {
        List<FakeClient> clients = connectClients();

        harness.server().emit("news", new Item(7), "text");

        List<FakeClient.Received> received = new ArrayList<>();
        for (FakeClient client : clients) {
            received.add(client.expect("2[\"news\",{\"id\":7},\"text\"]"));
        }
        assertSameFrames(received);
        assertEquals(1, mapperCalls.get(), "the payload was serialized once for " + CLIENTS + " sockets");
    }

    @Test
    void roomBroadcastsAndSocketBroadcastsAreEncodedOnceToo() {
        List<FakeClient> clients = connectClients();
        sockets.forEach(socket -> socket.join("room"));

        harness.server().to("room").emit("room", new Item(1));
        sockets.get(0).broadcast().emit("others", new Item(2));

        List<FakeClient.Received> room = new ArrayList<>();
        List<FakeClient.Received> others = new ArrayList<>();
        for (FakeClient client : clients) {
            room.add(client.expect("2[\"room\",{\"id\":1}]"));
        }
        for (FakeClient client : clients.subList(1, CLIENTS)) {
            others.add(client.expect("2[\"others\",{\"id\":2}]"));
        }
        assertSameFrames(room);
        assertSameFrames(others);
        assertEquals(2, mapperCalls.get());
    }

    @Test
    void binaryBroadcastsShareTheTextFrameAndTheAttachments() {
        List<FakeClient> clients = connectClients();
        byte[] data = {1, 2, 3};

        harness.server().emit("blob", (Object) data);

        List<FakeClient.Received> received = new ArrayList<>();
        for (FakeClient client : clients) {
            received.add(client.expect("51-[\"blob\",{\"_placeholder\":true,\"num\":0}]"));
        }
        assertSameFrames(received);
        assertSame(data, received.get(0).frames().get(1), "the bytes are not even copied");
    }

    @Test
    void broadcastsWithAcknowledgementsShareOneFrameAndOneAckId() {
        List<FakeClient> clients = connectClients();

        harness.server().timeout(Duration.ofSeconds(5)).emit("poll", new Item(3), (AckCallback) (error, args) -> { });

        List<FakeClient.Received> received = new ArrayList<>();
        for (FakeClient client : clients) {
            received.add(client.next());
        }
        assertSameFrames(received);
        assertEquals("20[\"poll\",{\"id\":3}]", received.get(0).text());
        assertEquals(1, mapperCalls.get());
    }

    @Test
    void separateEmitsToOneSocketAreEncodedSeparately() {
        List<FakeClient> clients = connectClients();

        sockets.get(0).emit("one", 1);
        sockets.get(0).emit("one", 1);

        FakeClient.Received first = clients.get(0).expect("2[\"one\",1]");
        FakeClient.Received second = clients.get(0).expect("2[\"one\",1]");
        assertNotSame(first.frames().get(0), second.frames().get(0), "sanity check of the instance test");
    }
}
