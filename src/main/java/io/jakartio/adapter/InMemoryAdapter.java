package io.jakartio.adapter;

import io.jakartio.parser.EncodedPacket;
import io.jakartio.parser.SocketPacket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The adapter of a single server: rooms live in memory, broadcasts reach local sockets only.
 * Subclasses (cluster adapters) reuse its room bookkeeping and local delivery. It tells
 * {@link AdapterListener}s of rooms created, joined, left and deleted, when Node's in-memory
 * adapter emits them.
 *
 * <pre>{@code
 * Adapter adapter = new InMemoryAdapter(host);
 * adapter.addAll("socket-1", Set.of("socket-1", "lobby"));
 * adapter.broadcast(SocketPacket.event("/", "hi"), new BroadcastOptions(Set.of("lobby"), Set.of(), BroadcastFlags.NONE));
 * }</pre>
 */
public class InMemoryAdapter implements Adapter {

    /** The namespace this adapter serves. */
    protected final AdapterHost host;
    private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sids = new ConcurrentHashMap<>();
    private final RoomEvents events = new RoomEvents();

    /** @param host the namespace */
    public InMemoryAdapter(AdapterHost host) {
        this.host = host;
    }

    // A socket's own set is only changed (or replaced: see RoomSets) inside sids.compute for that
    // socket, and a room's set only inside rooms.compute for that room: joining and leaving the
    // same socket concurrently (a join from a handler while the socket disconnects) can neither
    // leave a stale membership behind nor add to a room set that was just dropped from the map.
    // Room events are queued inside the room's compute, in the order of the changes, and
    // delivered after it, outside the maps' locks.

    @Override
    public void addAll(String socketId, Set<String> newRooms) {
        boolean listened = events.isListened();
        sids.compute(socketId, (id, own) -> {
            Set<String> joined = own;
            for (String room : newRooms) {
                joined = RoomSets.with(joined, room);
                Set<String> ownRooms = joined;
                rooms.compute(room, (name, members) -> {
                    if (listened) {
                        if (members == null) {
                            events.created(name);
                        }
                        if (members == null || !members.contains(id)) {
                            events.joined(name, id);
                        }
                    }
                    if (members == null && name.equals(id) && ownRooms.size() == 1) {
                        // the socket's own room, its first: {id} both ways, so one immutable set
                        // serves as the room's members and the socket's rooms (24 bytes a socket)
                        return ownRooms;
                    }
                    return RoomSets.with(members, id);
                });
            }
            return joined != null ? joined : Set.of();
        });
        if (listened) {
            events.deliver();
        }
    }

    @Override
    public void del(String socketId, String room) {
        boolean listened = events.isListened();
        sids.computeIfPresent(socketId, (id, own) -> {
            removeFromRoom(room, id, listened);
            return RoomSets.without(own, room);
        });
        if (listened) {
            events.deliver();
        }
    }

    @Override
    public void delAll(String socketId) {
        boolean listened = events.isListened();
        sids.computeIfPresent(socketId, (id, own) -> {
            for (String room : own) {
                removeFromRoom(room, id, listened);
            }
            return null;
        });
        if (listened) {
            events.deliver();
        }
    }

    private void removeFromRoom(String room, String socketId, boolean listened) {
        rooms.computeIfPresent(room, (name, members) -> {
            boolean member = listened && members.contains(socketId); // before: a large set changes in place
            Set<String> remaining = RoomSets.without(members, socketId);
            if (member) {
                events.left(name, socketId);
                if (remaining.isEmpty()) {
                    events.deleted(name);
                }
            }
            return remaining.isEmpty() ? null : remaining;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Events of changes made by the calling thread are delivered before its join or leave
     * returns, unless another thread is delivering events at that moment: it then delivers
     * these too, right after.
     */
    @Override
    public void addListener(AdapterListener listener) {
        events.addListener(listener);
    }

    @Override
    public void removeListener(AdapterListener listener) {
        events.removeListener(listener);
    }

    @Override
    public void broadcast(SocketPacket packet, BroadcastOptions options) {
        SocketPacket local = packet.withNamespace(host.name());
        BroadcastFlags flags = options.flags();
        // the compress flag applied once here: the recipients' withCompress then has nothing to do
        EncodedPacket encoded = host.encoder().encode(local).withCompress(flags.compress());
        host.batch(() -> forEachTarget(options, id -> host.deliver(id, local, encoded, flags)));
    }

    @Override
    public void broadcastWithAck(SocketPacket packet, BroadcastOptions options, IntConsumer clientCount,
            Consumer<Object> onResponse) {
        // One id for every recipient: ids are unique per namespace, so they cannot clash.
        long ackId = host.nextAckId();
        SocketPacket local = packet.withNamespace(host.name()).withAckId(ackId);
        BroadcastFlags flags = options.flags();
        EncodedPacket encoded = host.encoder().encode(local).withCompress(flags.compress());
        int[] count = {0};
        host.batch(() -> forEachTarget(options, id -> {
            if (host.deliverWithAck(id, local, encoded, flags, ackId,
                    args -> onResponse.accept(args.isEmpty() ? null : args.get(0)))) {
                count[0]++;
            }
        }));
        clientCount.accept(count[0]);
    }

    @Override
    public Set<String> sockets(Set<String> targetRooms) {
        Set<String> ids = new HashSet<>();
        forEachTarget(new BroadcastOptions(targetRooms, Set.of(), BroadcastFlags.NONE), ids::add);
        return ids;
    }

    @Override
    public Set<String> socketRooms(String socketId) {
        Set<String> own = sids.get(socketId);
        return own == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(own));
    }

    /**
     * @param room a room name
     * @return whether a local socket is in it (without copying the room list as {@link #rooms()} does)
     */
    protected final boolean hasRoom(String room) {
        return rooms.containsKey(room);
    }

    @Override
    public Set<String> rooms() {
        return Collections.unmodifiableSet(new HashSet<>(rooms.keySet()));
    }

    @Override
    public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
        List<SocketDetails> details = new ArrayList<>();
        forEachTarget(options, id -> host.details(id).ifPresent(details::add));
        return CompletableFuture.completedFuture(details);
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> newRooms) {
        forEachTarget(options, id -> addAll(id, newRooms));
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> oldRooms) {
        forEachTarget(options, id -> {
            for (String room : oldRooms) {
                del(id, room);
            }
        });
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        List<String> targets = new ArrayList<>();
        forEachTarget(options, targets::add); // collect first: disconnecting edits the rooms
        for (String id : targets) {
            host.disconnect(id, close);
        }
    }

    /**
     * Calls {@code action} once for every local socket targeted by {@code options}.
     *
     * @param options rooms and exceptions
     * @param action receives each socket id
     */
    protected final void forEachTarget(BroadcastOptions options, Consumer<String> action) {
        Set<String> excluded = excludedSockets(options.except());
        Set<String> targetRooms = options.rooms();
        if (targetRooms.isEmpty()) {
            for (String id : sids.keySet()) {
                if (!excluded.contains(id)) {
                    action.accept(id);
                }
            }
            return;
        }
        if (targetRooms.size() == 1) {
            Set<String> members = rooms.get(targetRooms.iterator().next());
            if (members != null) {
                for (String id : members) {
                    if (!excluded.contains(id)) {
                        action.accept(id);
                    }
                }
            }
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String room : targetRooms) {
            Set<String> members = rooms.get(room);
            if (members == null) {
                continue;
            }
            for (String id : members) {
                if (!excluded.contains(id) && seen.add(id)) {
                    action.accept(id);
                }
            }
        }
    }

    private Set<String> excludedSockets(Set<String> exceptRooms) {
        if (exceptRooms.isEmpty()) {
            return Set.of();
        }
        Set<String> excluded = new HashSet<>();
        for (String room : exceptRooms) {
            Set<String> members = rooms.get(room);
            if (members != null) {
                excluded.addAll(members);
            }
        }
        return excluded;
    }
}
