package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.SocketPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Adapter} must do for the sockets of its own server: room bookkeeping,
 * broadcasts (encoded once, each socket reached once), acknowledgements and socket queries.
 * Extend it with a factory to check an implementation, e.g. a cluster adapter running as a
 * single node; add the cluster-wide behaviour in the subclass.
 */
abstract class AdapterContract {

    /** Sockets a, b, c, d, each in its own room; a and b in "red", b and c in "blue", d in none. */
    protected static final Set<String> ALL = Set.of("a", "b", "c", "d");

    protected FakeAdapterHost host;
    protected Adapter adapter;

    /**
     * @param host the namespace the adapter serves
     * @return the adapter under test
     */
    protected abstract Adapter createAdapter(AdapterHost host);

    /** @return the namespace served; a name other than "/" shows the packets are re-addressed */
    protected String namespace() {
        return "/chat";
    }

    @BeforeEach
    void createAdapterAndSockets() {
        host = new FakeAdapterHost(namespace());
        adapter = createAdapter(host);
        host.attach(adapter);
        join("a", "red");
        join("b", "red", "blue");
        join("c", "blue");
        join("d");
    }

    @AfterEach
    void closeAdapter() {
        adapter.close();
    }

    /** A socket connects, as the server does it: it joins its own room, then others. */
    protected void join(String socketId, String... rooms) {
        host.join(socketId, rooms);
    }

    protected static BroadcastOptions to(String... rooms) {
        return new BroadcastOptions(Set.of(rooms), Set.of(), BroadcastFlags.NONE);
    }

    protected static BroadcastOptions toExcept(Set<String> rooms, Set<String> except) {
        return new BroadcastOptions(rooms, except, BroadcastFlags.NONE);
    }

    private static SocketPacket event(String name) {
        return SocketPacket.event("/", name);
    }

    private Set<String> recipients() {
        List<String> recipients = host.recipients();
        Set<String> unique = new HashSet<>(recipients);
        assertEquals(recipients.size(), unique.size(), "a socket was reached twice: " + recipients);
        return unique;
    }

    // ---- rooms ----

    @Test
    void addAllPutsTheSocketInEveryRoom() {
        assertEquals(Set.of("b", "red", "blue"), adapter.socketRooms("b"));
        assertEquals(Set.of("a", "b", "c", "d", "red", "blue"), adapter.rooms());
        assertEquals(Set.of("a", "b"), adapter.sockets(Set.of("red")));
    }

    @Test
    void addAllIsIdempotentAndCumulative() {
        adapter.addAll("a", Set.of("red", "green"));
        adapter.addAll("a", Set.of("green"));

        assertEquals(Set.of("a", "red", "green"), adapter.socketRooms("a"));
        assertEquals(Set.of("a"), adapter.sockets(Set.of("green")));
    }

    @Test
    void delRemovesOneRoomAndForgetsRoomsLeftEmpty() {
        adapter.del("a", "red");
        adapter.del("c", "blue");

        assertEquals(Set.of("a"), adapter.socketRooms("a"));
        assertEquals(Set.of("b"), adapter.sockets(Set.of("red")));
        assertEquals(Set.of("b"), adapter.sockets(Set.of("blue")));
        adapter.del("b", "blue");
        assertFalse(adapter.rooms().contains("blue"));
    }

    @Test
    void delAllRemovesTheSocketFromEveryRoom() {
        adapter.delAll("b");

        assertEquals(Set.of(), adapter.socketRooms("b"));
        assertEquals(Set.of("a"), adapter.sockets(Set.of("red")));
        assertEquals(Set.of("c"), adapter.sockets(Set.of("blue")));
        assertEquals(Set.of("a", "c", "d", "red", "blue"), adapter.rooms());
        assertEquals(Set.of("a", "c", "d"), adapter.sockets(Set.of()));
    }

    @Test
    void removingWhatIsNotThereIsHarmless() {
        adapter.del("a", "blue");
        adapter.del("nobody", "red");
        adapter.delAll("nobody");

        assertEquals(Set.of("a", "b"), adapter.sockets(Set.of("red")));
        assertEquals(Set.of(), adapter.socketRooms("nobody"));
    }

    @Test
    void socketsOfNoRoomsIsEverySocketAndOfSeveralRoomsTheirUnion() {
        assertEquals(ALL, adapter.sockets(Set.of()));
        assertEquals(Set.of("a", "b", "c"), adapter.sockets(Set.of("red", "blue")));
        assertEquals(Set.of("d"), adapter.sockets(Set.of("d", "nowhere")));
        assertEquals(Set.of(), adapter.sockets(Set.of("nowhere")));
    }

    @Test
    void queriesReturnSnapshots() {
        Set<String> rooms = adapter.socketRooms("a");
        Set<String> all = adapter.rooms();
        Set<String> red = adapter.sockets(Set.of("red"));

        adapter.addAll("a", Set.of("green"));
        adapter.delAll("b");

        assertEquals(Set.of("a", "red"), rooms);
        assertFalse(all.contains("green"));
        assertEquals(Set.of("a", "b"), red);
    }

    // ---- broadcasts ----

    @Test
    void aBroadcastToNoRoomReachesEverySocketWithOneEncodedPacket() {
        adapter.broadcast(event("news"), BroadcastOptions.ALL);

        assertEquals(ALL, recipients());
        List<FakeAdapterHost.Delivery> deliveries = host.deliveries();
        for (FakeAdapterHost.Delivery delivery : deliveries) {
            assertSame(deliveries.get(0).packet(), delivery.packet(), "encoded once for every recipient");
        }
        assertEquals("2" + namespace() + ",[\"news\"]", deliveries.get(0).packet().text(),
                "the packet is addressed to the adapter's namespace");
    }

    @Test
    void aBroadcastToRoomsReachesTheirUnionOnce() {
        adapter.broadcast(event("news"), to("red", "blue"));

        assertEquals(Set.of("a", "b", "c"), recipients());
    }

    @Test
    void aBroadcastToASocketIdReachesThatSocket() {
        adapter.broadcast(event("dm"), BroadcastOptions.socket("c"));

        assertEquals(List.of("c"), host.recipients());
    }

    @Test
    void exceptExcludesTheSocketsOfItsRooms() {
        adapter.broadcast(event("1"), toExcept(Set.of(), Set.of("red")));
        assertEquals(Set.of("c", "d"), recipients());
        host.clearDeliveries();

        adapter.broadcast(event("2"), toExcept(Set.of("red", "blue"), Set.of("b")));
        assertEquals(Set.of("a", "c"), recipients());
        host.clearDeliveries();

        adapter.broadcast(event("3"), toExcept(Set.of("blue"), Set.of("red", "nowhere")));
        assertEquals(Set.of("c"), recipients());
    }

    @Test
    void aBroadcastToEmptyOrUnknownRoomsReachesNobody() {
        adapter.broadcast(event("news"), to("nowhere"));
        adapter.broadcast(event("news"), to("nowhere", "else"));
        adapter.broadcast(event("news"), toExcept(Set.of("red"), Set.of("red")));

        assertEquals(List.of(), host.recipients());
    }

    @Test
    void theFlagsReachTheHost() {
        BroadcastFlags flags = BroadcastFlags.NONE.withVolatile().withLocal();
        host.makeBusy("a");

        adapter.broadcast(event("news"), new BroadcastOptions(Set.of("red"), Set.of(), flags));

        assertEquals(List.of("b"), host.recipients(), "a was busy and the packet volatile");
        assertEquals(flags, host.deliveries().get(0).flags());
    }

    @Test
    void aSocketGoneFromTheHostIsSkipped() {
        host.removeSocket("a");

        adapter.broadcast(event("news"), to("red"));

        assertEquals(List.of("b"), host.recipients());
    }

    @Test
    void aBinaryBroadcastSharesItsAttachments() {
        byte[] data = {1, 2};

        adapter.broadcast(SocketPacket.event("/", "blob", data), to("red"));

        List<FakeAdapterHost.Delivery> deliveries = host.deliveries();
        assertEquals(2, deliveries.size());
        assertSame(deliveries.get(0).packet(), deliveries.get(1).packet());
        assertSame(data, deliveries.get(0).packet().packets().get(1).binaryData());
    }

    // ---- broadcasts with acknowledgements ----

    @Test
    void aBroadcastWithAckCountsTheClientsReachedAndRelaysTheirAnswers() {
        List<Integer> counts = new CopyOnWriteArrayList<>();
        List<Object> answers = new CopyOnWriteArrayList<>();
        host.removeSocket("a");
        BroadcastOptions options = new BroadcastOptions(Set.of("red", "blue"), Set.of(),
                BroadcastFlags.NONE.withTimeout(Duration.ofSeconds(5)));

        adapter.broadcastWithAck(event("vote"), options, counts::add, answers::add);

        assertEquals(List.of(2), counts, "b and c; a is gone");
        List<FakeAdapterHost.Delivery> deliveries = host.deliveries();
        long ackId = deliveries.get(0).ackId();
        assertEquals(ackId, deliveries.get(1).ackId(), "one ack id for every recipient");
        assertSame(deliveries.get(0).packet(), deliveries.get(1).packet());
        assertEquals("2" + namespace() + "," + ackId + "[\"vote\"]", deliveries.get(0).packet().text());
        assertTrue(host.answer("c", ackId, "yes", "ignored"));
        assertTrue(host.answer("b", ackId));
        assertEquals(Arrays.asList("yes", null), answers, "the first argument of each answer, or null");
    }

    @Test
    void aVolatileBroadcastWithAckDoesNotCountTheClientsItSkipped() {
        List<Integer> counts = new CopyOnWriteArrayList<>();
        host.makeBusy("b");

        adapter.broadcastWithAck(event("vote"), new BroadcastOptions(Set.of("red"), Set.of(),
                BroadcastFlags.NONE.withVolatile().withTimeout(Duration.ofSeconds(1))), counts::add, answer -> { });

        assertEquals(List.of(1), counts);
        assertEquals(List.of("a"), host.recipients());
    }

    @Test
    void aBroadcastWithAckToNobodyReportsZeroClients() {
        List<Integer> counts = new CopyOnWriteArrayList<>();

        adapter.broadcastWithAck(event("vote"), to("nowhere"), counts::add, answer -> { });

        assertEquals(List.of(0), counts);
    }

    @Test
    void successiveBroadcastsWithAckUseFreshAckIds() {
        adapter.broadcastWithAck(event("1"), to("a"), count -> { }, answer -> { });
        adapter.broadcastWithAck(event("2"), to("a"), count -> { }, answer -> { });

        List<FakeAdapterHost.Delivery> deliveries = host.deliveries();
        assertFalse(deliveries.get(0).ackId() == deliveries.get(1).ackId());
    }

    @Test
    void atLeastThisServerTakesPartInBroadcasts() {
        assertTrue(adapter.serverCount().join() >= 1);
    }

    // ---- connection state recovery ----

    @Test
    void aSessionNeverPersistedIsNotRestored() {
        host.recoverFor(Duration.ofMinutes(2));

        assertEquals(Optional.empty(), adapter.restoreSession("unknown-pid", "unknown-offset").join());
    }

    @Test
    void withRecoveryOffBroadcastsCarryNoOffset() {
        adapter.persistSession(new PersistedSession("a", "pid-a", Set.of("a", "red"), Map.of()));

        adapter.broadcast(event("news"), to("red"));
        adapter.broadcast(event("dm"), BroadcastOptions.socket("a"));

        assertEquals("2" + namespace() + ",[\"news\"]", host.deliveries().get(0).packet().text());
        assertEquals("2" + namespace() + ",[\"dm\"]", host.deliveries().get(2).packet().text());
    }

    // ---- socket queries ----

    @Test
    void fetchSocketsDescribesTheTargetedSockets() {
        host.putData("b", "name", "bob");

        List<SocketDetails> red = new ArrayList<>(adapter.fetchSockets(to("red")).join());
        red.sort((x, y) -> x.id().compareTo(y.id()));

        assertEquals(List.of("a", "b"), red.stream().map(SocketDetails::id).toList());
        SocketDetails b = red.get(1);
        assertEquals(Set.of("b", "red", "blue"), b.rooms());
        assertEquals(Map.of("name", "bob"), b.data());
        assertEquals(Map.of("auth", Map.of("id", "b")), b.handshake());
        assertEquals(Set.of("c", "d"), ids(adapter.fetchSockets(toExcept(Set.of(), Set.of("red"))).join()));
        assertEquals(ALL, ids(adapter.fetchSockets(BroadcastOptions.ALL).join()));
        assertEquals(Set.of(), ids(adapter.fetchSockets(to("nowhere")).join()));
    }

    private static Set<String> ids(List<SocketDetails> details) {
        Set<String> ids = new HashSet<>();
        for (SocketDetails detail : details) {
            assertTrue(ids.add(detail.id()), "fetched twice: " + detail.id());
        }
        return ids;
    }

    @Test
    void addSocketsAndDelSocketsChangeTheRoomsOfTheTargets() {
        adapter.addSockets(to("blue"), Set.of("green", "yellow"));
        adapter.addSockets(toExcept(Set.of(), Set.of("red", "blue")), Set.of("green"));
        adapter.delSockets(to("red"), Set.of("yellow", "blue"));

        assertEquals(Set.of("a", "red"), adapter.socketRooms("a"));
        assertEquals(Set.of("b", "red", "green"), adapter.socketRooms("b"));
        assertEquals(Set.of("c", "blue", "green", "yellow"), adapter.socketRooms("c"));
        assertEquals(Set.of("d", "green"), adapter.socketRooms("d"));
    }

    @Test
    void disconnectSocketsDisconnectsEveryTargetOnce() {
        adapter.disconnectSockets(to("red", "blue"), false);
        adapter.disconnectSockets(BroadcastOptions.ALL, true);

        assertEquals(List.of("a", "b", "c"), host.disconnects().subList(0, 3).stream().sorted().toList());
        assertEquals(List.of("d (close)"), host.disconnects().subList(3, 4));
        assertEquals(Set.of(), adapter.rooms());
    }

    // ---- concurrency ----

    @Test
    void roomsMayChangeWhileBroadcastsIterate() throws Exception {
        int rounds = 2_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger reached = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String id = "churn-" + t;
            host.addSocket(id);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        adapter.addAll(id, Set.of(id, "red", "room-" + (i % 10)));
                        adapter.del(id, "red");
                        adapter.delAll(id);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        threads.add(new Thread(() -> {
            try {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    adapter.broadcast(event("tick"), to("red", "room-" + (i % 10)));
                    reached.addAndGet(adapter.sockets(Set.of()).size());
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }));
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertEquals(null, failure.get());
        assertTrue(reached.get() >= rounds * ALL.size(), "the stable sockets were always there");
        assertEquals(ALL, adapter.sockets(Set.of()));
        assertEquals(Set.of("a", "b", "c", "d", "red", "blue"), Collections.unmodifiableSet(adapter.rooms()));
    }
}
