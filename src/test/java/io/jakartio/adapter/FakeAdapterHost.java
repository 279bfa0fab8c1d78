package io.jakartio.adapter;

import io.jakartio.parser.EncodedPacket;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketEncoder;
import io.jakartio.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A namespace as an {@link Adapter} sees it, without sockets: it knows which socket ids exist
 * locally, records what it is asked to deliver, holds the acknowledgement callbacks until the test
 * answers for a client ({@link #answer}), and disconnects like the server does (the socket leaves
 * every room). Its timers run on a {@link ManualScheduler}, {@link #clock}.
 */
final class FakeAdapterHost implements AdapterHost {

    /**
     * One packet handed to a socket.
     *
     * @param socketId the recipient
     * @param packet the encoded packet
     * @param flags the broadcast flags
     * @param ackId the acknowledgement id, or -1
     */
    record Delivery(String socketId, EncodedPacket packet, BroadcastFlags flags, long ackId) { }

    /** Runs the adapter's timers; its {@code millis()} is the clock to give a session-aware adapter. */
    final ManualScheduler clock = new ManualScheduler();
    private final String name;
    private final SocketPacketEncoder encoder = new SocketPacketEncoder(null);
    private final AtomicLong ackIds = new AtomicLong();
    private final Set<String> present = ConcurrentHashMap.newKeySet();
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, Object>> data = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, Map<Long, Consumer<List<Object>>>> pendingAcks = new ConcurrentHashMap<>();
    private final List<String> disconnects = new CopyOnWriteArrayList<>();
    private volatile Adapter adapter;
    private volatile Duration maxDisconnectionDuration;
    private volatile int maxPersistedPackets = 10_000;
    private volatile boolean timers = true;

    FakeAdapterHost(String name) {
        this.name = name;
    }

    /** Gives the host its adapter, to answer {@link #details} and {@link #disconnect} like a namespace. */
    void attach(Adapter value) {
        this.adapter = value;
    }

    /** The server has connection state recovery on, keeping sessions this long. */
    void recoverFor(Duration value) {
        this.maxDisconnectionDuration = value;
    }

    /** The server keeps at most this many packets per namespace for recovery. */
    void keepPackets(int value) {
        this.maxPersistedPackets = value;
    }

    /** The host runs no timers, as {@link AdapterHost#schedule}'s default. */
    void withoutTimers() {
        this.timers = false;
    }

    /** A local socket appears (not yet in any room). */
    void addSocket(String socketId) {
        present.add(socketId);
    }

    /**
     * A socket connects, as the server does it: it is here, and joins its own room, then the
     * others, in the attached adapter.
     */
    void join(String socketId, String... rooms) {
        addSocket(socketId);
        Set<String> all = new HashSet<>(Arrays.asList(rooms));
        all.add(socketId);
        adapter.addAll(socketId, all);
    }

    /** A local socket vanishes without the adapter being told: deliveries to it fail. */
    void removeSocket(String socketId) {
        present.remove(socketId);
    }

    /** The socket's connection is busy: volatile deliveries to it are dropped. */
    void makeBusy(String socketId) {
        busy.add(socketId);
    }

    void putData(String socketId, String key, Object value) {
        data.computeIfAbsent(socketId, id -> new ConcurrentHashMap<>()).put(key, value);
    }

    /** @return every delivery so far, in order */
    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** @return the recipients so far, in delivery order */
    List<String> recipients() {
        List<String> ids = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            ids.add(delivery.socketId());
        }
        return ids;
    }

    /** Forgets the deliveries so far. */
    void clearDeliveries() {
        deliveries.clear();
    }

    /** @return the disconnections asked for: the id, plus {@code " (close)"} with close */
    List<String> disconnects() {
        return Collections.unmodifiableList(disconnects);
    }

    /**
     * The client of {@code socketId} acknowledges {@code ackId}.
     *
     * @return whether a callback was waiting for it
     */
    boolean answer(String socketId, long ackId, Object... args) {
        Map<Long, Consumer<List<Object>>> acks = pendingAcks.get(socketId);
        Consumer<List<Object>> callback = acks == null ? null : acks.remove(ackId);
        if (callback == null) {
            return false;
        }
        callback.accept(List.of(args));
        return true;
    }

    // ---- AdapterHost ----

    @Override
    public String name() {
        return name;
    }

    @Override
    public SocketPacketEncoder encoder() {
        return encoder;
    }

    @Override
    public Optional<Duration> maxDisconnectionDuration() {
        return Optional.ofNullable(maxDisconnectionDuration);
    }

    @Override
    public int maxPersistedPackets() {
        return maxPersistedPackets;
    }

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        if (!timers) {
            return AdapterHost.super.schedule(delay, task);
        }
        return clock.schedule(delay, task)::cancel;
    }

    @Override
    public long nextAckId() {
        return ackIds.getAndIncrement();
    }

    @Override
    public boolean deliver(String socketId, SocketPacket logical, EncodedPacket packet, BroadcastFlags flags) {
        if (!accepts(socketId, flags)) {
            return false;
        }
        deliveries.add(new Delivery(socketId, packet, flags, -1));
        return true;
    }

    @Override
    public boolean deliverWithAck(String socketId, SocketPacket logical, EncodedPacket packet, BroadcastFlags flags, long ackId,
            Consumer<List<Object>> onAck) {
        if (!accepts(socketId, flags)) {
            return false;
        }
        pendingAcks.computeIfAbsent(socketId, id -> new ConcurrentHashMap<>()).put(ackId, onAck);
        deliveries.add(new Delivery(socketId, packet, flags, ackId));
        return true;
    }

    private boolean accepts(String socketId, BroadcastFlags flags) {
        return present.contains(socketId) && !(flags.volatileSend() && busy.contains(socketId));
    }

    @Override
    public Optional<SocketDetails> details(String socketId) {
        if (!present.contains(socketId)) {
            return Optional.empty();
        }
        return Optional.of(new SocketDetails(socketId, Map.of("auth", Map.of("id", socketId)),
                adapter.socketRooms(socketId), data.getOrDefault(socketId, Map.of())));
    }

    @Override
    public void disconnect(String socketId, boolean close) {
        if (present.remove(socketId)) {
            disconnects.add(close ? socketId + " (close)" : socketId);
            adapter.delAll(socketId);
        }
    }
}
