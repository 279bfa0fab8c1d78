package io.jakartio.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends to the clients of a Socket.IO cluster from anywhere with a connection to its Redis and no
 * Socket.IO server of its own (a batch job, a message-driven bean, a command-line tool): the Java
 * counterpart of Node's {@code @socket.io/redis-emitter} 5.1, publishing byte for byte what it
 * publishes. It reaches every server on the same Redis and key: Jakartio servers with
 * {@code jakartio.adapter=redis} and Node servers with {@code @socket.io/redis-adapter}.
 *
 * <pre>{@code
 * try (Emitter emitter = Emitter.create("redis://127.0.0.1:6379")) {
 *     emitter.emit("news", "hello everyone");
 *     emitter.to("room1").except("room2").emit("news", Map.of("id", 7), new byte[] {1, 2, 3});
 *     emitter.of("/admin").asVolatile().emit("tick", 42);
 *     emitter.in("user:42").socketsJoin("premium");
 *     emitter.in("banned").disconnectSockets(true);
 *     emitter.serverSideEmit("cache:evict", "users");    // to the servers' onServerSideEmit listeners
 * }
 * }</pre>
 *
 * <p>An emitter is immutable and thread-safe: {@link #of} gives another namespace's emitter and
 * {@link #to}, {@link #except}, {@link #asVolatile}, {@link #compress} an {@link EmitterOperator},
 * all sharing this emitter's connection. Each operation is one {@code PUBLISH}; its future
 * completes with the number of servers that received it, or fails while Redis is unreachable
 * (nothing is buffered; an emitter made from a URI reconnects by itself). An emitter hears nothing
 * back: there are no acknowledgements, {@code fetchSockets} or {@code serverSideEmitWithAck}, as
 * in Node's emitter.
 */
public final class Emitter implements AutoCloseable {

    /** Node's {@code RESERVED_EVENTS} of a namespace: servers take them for their own events. */
    private static final Set<String> RESERVED_SERVER_SIDE_EVENTS = Set.of("connect", "connection", "new_namespace");

    private final EmitterConnection connection;
    private final RedisChannels channels;

    private Emitter(EmitterConnection connection, RedisChannels channels) {
        this.connection = connection;
        this.channels = channels;
    }

    /**
     * Connects to Redis with the default options (key {@code socket.io}) and waits until it is
     * connected, at most 5 s.
     *
     * <pre>{@code
     * Emitter emitter = Emitter.create("redis://redis.internal:6379");
     * }</pre>
     *
     * @param uri the Redis URI, as {@code jakartio.redis.uri}: {@code redis://[[user]:password@]host[:port]},
     *     {@code rediss://} for TLS
     * @return the emitter of the main namespace, {@code "/"}; close it to close its connections
     * @throws IllegalArgumentException if the URI is not a Redis URI
     * @throws IllegalStateException if Redis cannot be reached within the timeout
     */
    public static Emitter create(String uri) {
        return create(uri, EmitterOptions.defaults());
    }

    /**
     * Connects to Redis and waits until it is connected, at most the options' timeout. The
     * emitter keeps its connection: after a loss it reconnects by itself (publications fail
     * meanwhile).
     *
     * <pre>{@code
     * Emitter emitter = Emitter.create("redis://redis.internal:6379", EmitterOptions.builder().key("chat").build());
     * }</pre>
     *
     * @param uri the Redis URI
     * @param options the key, JSON mapper and timeout
     * @return the emitter of the main namespace, {@code "/"}; close it to close its connections
     * @throws IllegalArgumentException if the URI is not a Redis URI
     * @throws IllegalStateException if Redis cannot be reached within the timeout
     */
    public static Emitter create(String uri, EmitterOptions options) {
        Objects.requireNonNull(options, "options");
        RedisLink link = new RedisLink(uri, options.timeout(), System.getLogger(Emitter.class.getName()), "this emitter's emits fail");
        // The link connects in the background, and publishing before it is connected fails:
        // wait here, as a Node emitter's application awaits redisClient.connect() first.
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (!link.isConnected()) {
            if (System.nanoTime() > deadline) {
                link.close();
                throw new IllegalStateException("cannot connect to Redis at " + link.where() + " within "
                        + options.timeout().toMillis() + " ms");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                link.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting to Redis at " + link.where(), e);
            }
        }
        return new Emitter(EmitterConnection.of(link, options), new RedisChannels(options.key(), "/"));
    }

    /**
     * Publishes on the application's own Lettuce connection (any codec: the emitter sends raw
     * bytes), for an application that has one already. It must be a connection for commands, not
     * one in subscriber mode; the application keeps it, reconnects it and closes it.
     *
     * <pre>{@code
     * StatefulRedisConnection<String, String> redis = RedisClient.create("redis://redis:6379").connect();
     * Emitter emitter = Emitter.create(redis, EmitterOptions.defaults());
     * }</pre>
     *
     * @param redis the connection
     * @param options the key, JSON mapper and timeout
     * @return the emitter of the main namespace, {@code "/"}; closing it waits for its
     *     publications under way and leaves the connection open
     */
    public static Emitter create(StatefulRedisConnection<?, ?> redis, EmitterOptions options) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(options, "options");
        return new Emitter(EmitterConnection.of(redis, options), new RedisChannels(options.key(), "/"));
    }

    /** For tests: publishing through {@code publisher}. */
    static Emitter create(EmitterConnection.Publisher publisher, EmitterOptions options) {
        return new Emitter(new EmitterConnection(publisher, Runnable::run, null, options), new RedisChannels(options.key(), "/"));
    }

    /**
     * @param namespace a namespace; a leading {@code /} is added when missing, as Node's emitter does
     * @return the emitter of that namespace, sharing this one's connection
     */
    public Emitter of(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return new Emitter(connection, new RedisChannels(channels.key(), namespace.startsWith("/") ? namespace : "/" + namespace));
    }

    /** @return the namespace this emitter sends to, e.g. {@code "/"} */
    public String namespace() {
        return channels.namespace();
    }

    /**
     * @param rooms rooms (or socket ids) to send to
     * @return an operator targeting the sockets in any of them
     */
    public EmitterOperator to(String... rooms) {
        return operator().to(rooms);
    }

    /**
     * @param rooms rooms to send to
     * @return same as {@link #to}
     */
    public EmitterOperator in(String... rooms) {
        return operator().in(rooms);
    }

    /**
     * @param rooms rooms (or socket ids) whose sockets are left out
     * @return an operator targeting every other socket
     */
    public EmitterOperator except(String... rooms) {
        return operator().except(rooms);
    }

    /** @return an operator whose events may be dropped for clients not ready (Socket.IO's {@code volatile}) */
    public EmitterOperator asVolatile() {
        return operator().asVolatile();
    }

    /**
     * @param compress whether the event may be compressed
     * @return an operator with that flag
     */
    public EmitterOperator compress(boolean compress) {
        return operator().compress(compress);
    }

    /**
     * Emits an event to every client of the namespace, on every server; see {@link EmitterOperator#emit}.
     *
     * <pre>{@code
     * emitter.emit("news", "hello", new byte[] {1, 2, 3});
     * }</pre>
     *
     * @param event the event name
     * @param args the arguments
     * @return the number of servers that received it
     */
    public CompletableFuture<Long> emit(String event, Object... args) {
        return operator().emit(event, args);
    }

    /**
     * @param rooms the rooms every socket of the namespace joins
     * @return see {@link EmitterOperator#socketsJoin}
     */
    public CompletableFuture<Long> socketsJoin(String... rooms) {
        return operator().socketsJoin(rooms);
    }

    /**
     * @param rooms the rooms every socket of the namespace leaves
     * @return see {@link EmitterOperator#socketsLeave}
     */
    public CompletableFuture<Long> socketsLeave(String... rooms) {
        return operator().socketsLeave(rooms);
    }

    /**
     * Disconnects every socket of the namespace, on every server.
     *
     * @param close whether to close their connections too
     * @return see {@link EmitterOperator#disconnectSockets}
     */
    public CompletableFuture<Long> disconnectSockets(boolean close) {
        return operator().disconnectSockets(close);
    }

    /**
     * Sends an event to every server of the cluster: their listeners of this namespace receive it
     * (Jakartio's {@code io.onServerSideEmit(event, ...)}, Node's {@code io.on(event, ...)}). The
     * JSON request 6 of Node's emitter on {@code <key>-request#<nsp>#}.
     *
     * <pre>{@code
     * emitter.serverSideEmit("cache:evict", "users", 42);
     * }</pre>
     *
     * @param event the event name
     * @param args the arguments (a {@code byte[]} travels as a Node {@code Buffer}'s JSON, as in Node)
     * @return the number of servers that received it
     * @throws IllegalArgumentException if the event name is reserved ({@code connect},
     *     {@code connection}, {@code new_namespace}: servers would take it for their own event;
     *     Node's emitter does not check) or an argument cannot be encoded
     * @throws UnsupportedOperationException if the last argument is a callback: an emitter hears
     *     no answers, as Node's ("Acknowledgements are not supported")
     * @throws IllegalStateException if the emitter is closed
     */
    public CompletableFuture<Long> serverSideEmit(String event, Object... args) {
        if (event == null || RESERVED_SERVER_SIDE_EVENTS.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        EmitterOperator.refuseAcknowledgements(args);
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        data.addAll(Arrays.asList(args));
        Map<String, Object> request = new LinkedHashMap<>(4);
        request.put("uid", EmitterOperator.UID);
        request.put("type", RequestType.SERVER_SIDE_EMIT.number());
        request.put("data", data);
        return connection.publish(channels.request(), connection.json(request));
    }

    /**
     * Waits (at most the timeout) for the publications under way, then closes the emitter's
     * connections to Redis (not an application's connection given to
     * {@link #create(StatefulRedisConnection, EmitterOptions)}). Every emitter and operator made
     * from this one shares them: close the first one, once; afterwards they throw
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "Emitter[" + channels.namespace() + ", key " + channels.key() + "]";
    }

    private EmitterOperator operator() {
        return new EmitterOperator(connection, channels);
    }
}
