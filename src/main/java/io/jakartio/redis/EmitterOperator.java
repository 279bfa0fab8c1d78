package io.jakartio.redis;

import io.jakartio.parser.SocketPacket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The targets and flags of an {@link Emitter}'s next publication: Node's {@code BroadcastOperator}
 * of {@code @socket.io/redis-emitter}. Immutable: {@link #to}, {@link #except},
 * {@link #asVolatile} and {@link #compress} each return a new operator, so one can be kept and
 * reused.
 *
 * <pre>{@code
 * EmitterOperator admins = emitter.to("admins").except("muted");
 * admins.emit("alert", Map.of("level", "high"));
 * admins.asVolatile().emit("tick", 42);
 * emitter.in("user:" + userId).socketsJoin("premium");
 * }</pre>
 *
 * <p>Each operation is one {@code PUBLISH}, byte for byte what Node's emitter 5.1 publishes: a
 * broadcast is the MessagePack {@code ["emitter", {type: 2, data, nsp}, {rooms, flags, except}]}
 * on {@code <key>#<nsp>#} (or {@code <key>#<nsp>#<room>#} for a single room), which every server
 * delivers to its own sockets; {@code socketsJoin}, {@code socketsLeave} and
 * {@code disconnectSockets} are the JSON requests 2, 3 and 4 on {@code <key>-request#<nsp>#}.
 * The returned future completes with the number of servers that received the message (Redis
 * subscribers of the channel), off Redis's I/O threads, or fails when Redis refused it or is
 * unreachable (nothing is buffered).
 */
public final class EmitterOperator {

    /** Node's emitter's {@code RESERVED_EVENTS}: the client's own events. */
    private static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    /** What Node's emitter puts in place of a server's uid: no server skips it as its own. */
    static final String UID = "emitter";

    private final EmitterConnection connection;
    private final RedisChannels channels;
    private final Set<String> rooms;
    private final Set<String> except;
    private final Map<String, Object> flags;

    EmitterOperator(EmitterConnection connection, RedisChannels channels) {
        this(connection, channels, Set.of(), Set.of(), Map.of());
    }

    private EmitterOperator(EmitterConnection connection, RedisChannels channels, Set<String> rooms,
            Set<String> except, Map<String, Object> flags) {
        this.connection = connection;
        this.channels = channels;
        this.rooms = rooms;
        this.except = except;
        this.flags = flags;
    }

    /**
     * @param moreRooms rooms (or socket ids) to add to the targets
     * @return an operator targeting the union of its rooms and these
     */
    public EmitterOperator to(String... moreRooms) {
        return new EmitterOperator(connection, channels, union(rooms, moreRooms), except, flags);
    }

    /**
     * @param moreRooms rooms to add
     * @return same as {@link #to}
     */
    public EmitterOperator in(String... moreRooms) {
        return to(moreRooms);
    }

    /**
     * @param excludedRooms rooms (or socket ids) whose sockets are left out
     * @return an operator that skips their sockets
     */
    public EmitterOperator except(String... excludedRooms) {
        return new EmitterOperator(connection, channels, rooms, union(except, excludedRooms), flags);
    }

    /**
     * @return an operator whose events may be dropped for clients not ready to receive them
     *     (Socket.IO's {@code volatile} flag)
     */
    public EmitterOperator asVolatile() {
        return new EmitterOperator(connection, channels, rooms, except, with("volatile", true));
    }

    /**
     * @param compress whether the event may be compressed (the servers honour it, Jakartio as Node)
     * @return an operator with that flag
     */
    public EmitterOperator compress(boolean compress) {
        return new EmitterOperator(connection, channels, rooms, except, with("compress", compress));
    }

    /**
     * Emits an event to every targeted client of every server.
     *
     * <pre>{@code
     * emitter.to("room1").emit("news", "hello", Map.of("id", 7), new byte[] {1, 2, 3});
     * }</pre>
     *
     * @param event the event name
     * @param args the arguments: JSON values ({@code null}, booleans, numbers, strings, lists,
     *     maps, records), {@code byte[]} (binary), or what the JSON mapper knows
     * @return the number of servers that received it
     * @throws IllegalArgumentException if the event name is reserved ({@code connect},
     *     {@code connect_error}, {@code disconnect}, {@code disconnecting}, {@code newListener},
     *     {@code removeListener}) or an argument cannot be encoded
     * @throws UnsupportedOperationException if the last argument is a callback: an emitter hears
     *     no acknowledgements
     * @throws IllegalStateException if the emitter is closed
     */
    public CompletableFuture<Long> emit(String event, Object... args) {
        if (event == null || RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        refuseAcknowledgements(args);
        Map<String, Object> opts = new LinkedHashMap<>(4); // in the order Node's emitter writes them
        opts.put("rooms", List.copyOf(rooms));
        opts.put("flags", flags);
        opts.put("except", List.copyOf(except));
        byte[] message = connection.msgpack(List.of(UID,
                WireFormat.packet(SocketPacket.event(channels.namespace(), event, args)), opts));
        return connection.publish(channels.broadcast(rooms), message);
    }

    /**
     * Makes the targeted sockets of every server join rooms.
     *
     * <pre>{@code
     * emitter.in("user:42").socketsJoin("premium", "beta");
     * }</pre>
     *
     * @param newRooms the rooms to join
     * @return the number of servers that received the request
     */
    public CompletableFuture<Long> socketsJoin(String... newRooms) {
        return roomsRequest(RequestType.REMOTE_JOIN, newRooms);
    }

    /**
     * Makes the targeted sockets of every server leave rooms.
     *
     * <pre>{@code
     * emitter.in("user:42").socketsLeave("beta");
     * }</pre>
     *
     * @param oldRooms the rooms to leave
     * @return the number of servers that received the request
     */
    public CompletableFuture<Long> socketsLeave(String... oldRooms) {
        return roomsRequest(RequestType.REMOTE_LEAVE, oldRooms);
    }

    /**
     * Disconnects the targeted sockets of every server.
     *
     * <pre>{@code
     * emitter.in("banned").disconnectSockets(true);
     * }</pre>
     *
     * @param close whether to close their connections too (other namespaces' sockets on them
     *     included), as {@code socket.disconnect(true)}
     * @return the number of servers that received the request
     */
    public CompletableFuture<Long> disconnectSockets(boolean close) {
        Map<String, Object> request = new LinkedHashMap<>(4);
        request.put("type", RequestType.REMOTE_DISCONNECT.number());
        request.put("opts", targets());
        request.put("close", close);
        return connection.publish(channels.request(), connection.json(request));
    }

    @Override
    public String toString() {
        return "EmitterOperator[" + channels.namespace() + ", rooms " + rooms + ", except " + except + ", flags " + flags + "]";
    }

    /**
     * Refuses a last argument that is a callback (a lambda, a method reference, or an instance of
     * a functional interface such as the server's {@code AckCallback}), as Node's emitter does.
     */
    static void refuseAcknowledgements(Object[] args) {
        if (args.length > 0 && args[args.length - 1] != null && isCallback(args[args.length - 1].getClass())) {
            throw new UnsupportedOperationException("acknowledgements are not supported by an emitter: it publishes"
                    + " and hears no answers (a Socket.IO server's emitWithAck and serverSideEmitWithAck have them)");
        }
    }

    private static boolean isCallback(Class<?> type) {
        if (type.isHidden()) { // lambdas and method references
            return true;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> api : c.getInterfaces()) {
                if (api.isAnnotationPresent(FunctionalInterface.class) || isCallback(api)) {
                    return true;
                }
            }
        }
        return false;
    }

    private CompletableFuture<Long> roomsRequest(RequestType type, String[] names) {
        Map<String, Object> request = new LinkedHashMap<>(4);
        request.put("type", type.number());
        request.put("opts", targets());
        request.put("rooms", List.copyOf(union(Set.of(), names)));
        return connection.publish(channels.request(), connection.json(request));
    }

    /** {@code {rooms, except}} in insertion order, as Node's emitter spreads its sets (not {@link WireFormat#targets}: its options' sets have no order). */
    private Map<String, Object> targets() {
        Map<String, Object> targets = new LinkedHashMap<>(4);
        targets.put("rooms", List.copyOf(rooms));
        targets.put("except", List.copyOf(except));
        return targets;
    }

    private Map<String, Object> with(String flag, boolean value) {
        Map<String, Object> changed = new LinkedHashMap<>(flags); // a flag set again keeps its place, as in Object.assign
        changed.put(flag, value);
        return Collections.unmodifiableMap(changed);
    }

    private static Set<String> union(Set<String> rooms, String[] more) {
        Set<String> union = new LinkedHashSet<>(rooms); // in insertion order, as a JavaScript Set
        for (String room : more) {
            union.add(Objects.requireNonNull(room, "room"));
        }
        return Collections.unmodifiableSet(union);
    }
}
