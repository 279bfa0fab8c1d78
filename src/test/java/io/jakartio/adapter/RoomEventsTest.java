package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.RecordingAdapterListener;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory adapter's room events, when Node's socket.io-adapter emits them
 * ({@code lib/in-memory-adapter.ts}): {@code create-room} before {@code join-room} on a room's
 * first join, {@code leave-room} then {@code delete-room} when its last socket leaves, the same
 * when a socket disconnects; listeners never called concurrently, never able to break a join.
 */
class RoomEventsTest {

    private InMemoryAdapter adapter;

    private final RecordingAdapterListener recorder = new RecordingAdapterListener();
    private final List<String> events = recorder.events();

    @BeforeEach
    void listen() {
        adapter = new InMemoryAdapter(new FakeAdapterHost("/"));
        adapter.addListener(recorder);
    }

    private static Set<String> rooms(String... names) {
        return new LinkedHashSet<>(List.of(names)); // joined in this order, as Node iterates its Set
    }

    @Test
    void aSocketConnectingCreatesAndJoinsItsOwnRoomThenEachNewRoom() {
        adapter.addAll("a", rooms("a", "lobby"));

        assertEquals(List.of("create a", "join a a", "create lobby", "join lobby a"), events);
    }

    @Test
    void joiningARoomThatExistsOnlyJoins() {
        adapter.addAll("a", rooms("lobby"));
        events.clear();

        adapter.addAll("b", rooms("lobby"));

        assertEquals(List.of("join lobby b"), events);
    }

    @Test
    void joiningARoomTwiceTellsNothingTheSecondTime() {
        adapter.addAll("a", rooms("lobby"));
        events.clear();

        adapter.addAll("a", rooms("lobby"));

        assertEquals(List.of(), events);
    }

    @Test
    void theLastSocketLeavingARoomLeavesThenDeletesIt() {
        adapter.addAll("a", rooms("lobby"));
        adapter.addAll("b", rooms("lobby"));
        events.clear();

        adapter.del("a", "lobby");
        adapter.del("b", "lobby");

        assertEquals(List.of("leave lobby a", "leave lobby b", "delete lobby"), events);
    }

    @Test
    void leavingARoomNotJoinedTellsNothing() {
        adapter.addAll("a", rooms("a"));
        adapter.addAll("b", rooms("lobby"));
        events.clear();

        adapter.del("a", "lobby");
        adapter.del("nobody", "lobby");

        assertEquals(List.of(), events);
    }

    @Test
    void aSocketDisconnectingLeavesEachOfItsRooms() {
        adapter.addAll("a", rooms("a", "lobby"));
        adapter.addAll("b", rooms("lobby"));
        events.clear();

        adapter.delAll("a");

        assertEquals(Set.of("leave a a", "delete a", "leave lobby a"), new HashSet<>(events));
        assertEquals(events.indexOf("leave a a") + 1, events.indexOf("delete a"), events::toString);
    }

    @Test
    void aRoomLargeEnoughToBeChangedInPlaceTellsTheSame() {
        for (int i = 0; i < 20; i++) {
            adapter.addAll("s" + i, rooms("big"));
        }
        events.clear();

        for (int i = 0; i < 20; i++) {
            adapter.del("s" + i, "big");
        }

        assertEquals(21, events.size(), events::toString);
        assertEquals("leave big s19", events.get(19));
        assertEquals("delete big", events.get(20));
    }

    @Test
    void aListenerRemovedIsToldNothingMore() {
        adapter.removeListener(recorder);

        adapter.addAll("a", rooms("lobby"));

        assertEquals(List.of(), events);
    }

    @Test
    void aListenerThatThrowsBreaksNeitherTheJoinNorTheOtherListeners() {
        AdapterListener broken = new AdapterListener() {
            @Override
            public void onJoinRoom(String room, String id) {
                throw new IllegalStateException("a dashboard's bug");
            }
        };
        adapter = new InMemoryAdapter(new FakeAdapterHost("/"));
        adapter.addListener(broken);
        adapter.addListener(recorder);

        adapter.addAll("a", rooms("lobby"));

        assertEquals(Set.of("lobby"), adapter.socketRooms("a"));
        assertEquals(List.of("create lobby", "join lobby a"), events);
    }

    @Test
    void aListenerMayJoinSocketsAndTheirEventsFollowTheOneItHandles() {
        adapter.addListener(new AdapterListener() {
            @Override
            public void onCreateRoom(String room) {
                if (room.equals("lobby")) {
                    adapter.addAll("auditor", rooms("audit"));
                }
            }
        });

        adapter.addAll("a", rooms("lobby"));

        assertEquals(List.of("create lobby", "join lobby a", "create audit", "join audit auditor"), events);
    }

    @Test
    void eventsFromManyThreadsArriveOneAtATimeInAnOrderThatReplaysTheRooms() throws Exception {
        // The listener rebuilds the rooms from the events alone; every event must make sense
        // where it comes (no join before its room's create, no delete of a room still in use).
        Map<String, Set<String>> replayed = new HashMap<>();
        List<String> nonsense = new ArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        adapter = new InMemoryAdapter(new FakeAdapterHost("/"));
        adapter.addListener(new AdapterListener() {
            @Override
            public void onCreateRoom(String room) {
                enter();
                if (replayed.putIfAbsent(room, new HashSet<>()) != null) {
                    nonsense.add("create of existing " + room);
                }
                inside.decrementAndGet();
            }

            @Override
            public void onDeleteRoom(String room) {
                enter();
                Set<String> members = replayed.remove(room);
                if (members == null || !members.isEmpty()) {
                    nonsense.add("delete of " + room + " holding " + members);
                }
                inside.decrementAndGet();
            }

            @Override
            public void onJoinRoom(String room, String id) {
                enter();
                Set<String> members = replayed.get(room);
                if (members == null || !members.add(id)) {
                    nonsense.add("join of " + room + " by " + id);
                }
                inside.decrementAndGet();
            }

            @Override
            public void onLeaveRoom(String room, String id) {
                enter();
                Set<String> members = replayed.get(room);
                if (members == null || !members.remove(id)) {
                    nonsense.add("leave of " + room + " by " + id);
                }
                inside.decrementAndGet();
            }

            private void enter() {
                if (inside.incrementAndGet() != 1) {
                    nonsense.add("two events at once");
                }
            }
        });
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String id = "s" + t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < 2_000; i++) {
                    String room = "room" + (i % 3);
                    adapter.addAll(id, rooms(room, "shared"));
                    adapter.del(id, room);
                    if (i % 10 == 0) {
                        adapter.delAll(id);
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }

        assertEquals(List.of(), nonsense.subList(0, Math.min(5, nonsense.size())));
        Map<String, Set<String>> actual = new HashMap<>();
        for (String room : adapter.rooms()) {
            actual.put(room, adapter.sockets(Set.of(room)));
        }
        assertEquals(actual, replayed, "the events replay to the adapter's rooms");
        assertTrue(replayed.containsKey("shared"));
    }

    @Test
    void anAdapterThatFiresNoRoomEventsSaysSo() {
        // An adapter implementing only what the interface requires, as a third party's might.
        Adapter none = (Adapter) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Adapter.class},
                (proxy, method, args) -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null);

        assertThrows(UnsupportedOperationException.class, () -> none.addListener(recorder));
    }
}
