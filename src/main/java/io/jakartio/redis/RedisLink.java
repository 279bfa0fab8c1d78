package io.jakartio.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One server's link to Redis, shared by the adapters of all its namespaces: a connection for
 * commands and publishing, a connection for subscriptions (Lettuce, non-blocking), and one
 * thread, {@code jakartio-redis}, on which every message received, every timeout and every
 * reconnection runs, in order. Handlers may take their time there without stalling Redis I/O,
 * but must not block on Redis themselves.
 *
 * <p><b>Failures.</b> Redis being down when the link starts, or lost later, never stops the
 * server: publishing fails at once (nothing is buffered), {@link #isConnected()} says so, and the
 * link retries by itself (100 ms, doubling up to 2 s), then subscribes again to every channel and
 * pattern. It logs one line when the connection cannot be made or is lost, with the cause, one
 * when it is back, and a reminder each minute while it is down. Lettuce's own reconnection and
 * offline buffering are off: its command queue is bounded ({@value #REQUEST_QUEUE_SIZE} commands
 * in flight), commands time out after the link's timeout, and received messages wait for the
 * link's thread in a queue of at most {@value #MAX_QUEUED_MESSAGES} (more are dropped and logged).
 *
 * <pre>{@code
 * RedisLink link = new RedisLink("redis://127.0.0.1:6379", Duration.ofSeconds(5));
 * link.subscribe("socket.io-request#/#", message -> handle(message));
 * link.publish("socket.io#/#", bytes);
 * link.close();
 * }</pre>
 */
public final class RedisLink implements AutoCloseable {

    /** Lettuce's bound on commands written and not yet answered. */
    public static final int REQUEST_QUEUE_SIZE = 65_536;
    /** Received messages waiting for the link's thread; more are dropped. */
    public static final int MAX_QUEUED_MESSAGES = 10_000;

    private static final System.Logger DEFAULT_LOG = System.getLogger(RedisLink.class.getName());
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);
    private static final long REMINDER_MILLIS = 60_000;

    /** The link's life: connecting (also after a loss) until connected, until closed. */
    private enum State { CONNECTING, CONNECTED, CLOSED }

    private final RedisURI uri;
    private final String where;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledThreadPoolExecutor thread;
    private final Subscriptions subscriptions;
    private final System.Logger log;
    private final String whileDown;
    private final RareLog failedCommands;
    private volatile State state = State.CONNECTING;
    private volatile StatefulRedisConnection<String, byte[]> commands;
    private volatile StatefulRedisPubSubConnection<String, byte[]> subscriber;
    // Touched on the link's thread only:
    private boolean everConnected;
    private long downSince;
    private long lastReminder;
    private int attempts;
    private Duration delay = FIRST_DELAY;

    /**
     * Starts connecting (in the background: the constructor never waits for Redis).
     *
     * @param uri the Redis URI, e.g. {@code redis://127.0.0.1:6379} or {@code rediss://:password@host:6380/0}
     * @param timeout how long a command may wait for Redis before it fails
     * @throws IllegalArgumentException if the URI is not a Redis URI
     */
    public RedisLink(String uri, Duration timeout) {
        this(uri, timeout, DEFAULT_LOG);
    }

    /** As the public constructor, logging to {@code log} (tests record the lines). */
    RedisLink(String uri, Duration timeout, System.Logger log) {
        this(uri, timeout, log, "this server serves its own clients");
    }

    /**
     * As the public constructor, logging to {@code log}.
     *
     * @param whileDown what its owner does while Redis is away, for the log lines (a server
     *     "serves its own clients", an emitter's emits fail)
     */
    RedisLink(String uri, Duration timeout, System.Logger log, String whileDown) {
        this.log = log;
        this.whileDown = whileDown;
        this.failedCommands = new RareLog(log);
        this.uri = RedisURI.create(uri);
        this.where = (this.uri.isSsl() ? "rediss://" : "redis://") + this.uri.getHost() + ":" + this.uri.getPort();
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        this.client = RedisClient.create(resources, this.uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false) // the link reconnects, logs once and resubscribes
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5))
                        .keepAlive(SocketOptions.KeepAliveOptions.builder().enable()
                                .idle(Duration.ofSeconds(10)).interval(Duration.ofSeconds(5)).count(3).build())
                        .build())
                .build());
        client.addListener(new LossListener());
        this.thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "jakartio-redis");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        this.subscriptions = new Subscriptions(executor(), MAX_QUEUED_MESSAGES, log);
        thread.execute(this::connect);
    }

    /** @return where the link connects, without credentials, e.g. {@code redis://127.0.0.1:6379} */
    public String where() {
        return where;
    }

    /** @return whether both connections are up: publishing may succeed and messages arrive */
    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    /**
     * Publishes a message; fails at once, buffering nothing, when Redis is not connected. The
     * result completes on one of Lettuce's I/O threads: chain nothing slow to it.
     *
     * @param channel the channel
     * @param message the payload
     * @return the number of subscribers that received it
     */
    public CompletableFuture<Long> publish(String channel, byte[] message) {
        return command(redis -> redis.publish(channel, message).toCompletableFuture());
    }

    /**
     * Counts the subscribers of a channel ({@code PUBSUB NUMSUB}).
     *
     * @param channel the channel
     * @return the number of connections subscribed to it
     */
    public CompletableFuture<Long> numsub(String channel) {
        // completed on the link's thread, not Lettuce's: what the caller chains to it may take its time
        return command(redis -> redis.pubsubNumsub(channel).toCompletableFuture())
                .thenApplyAsync(counts -> counts.getOrDefault(channel, 0L), executor());
    }

    /**
     * Opens one more command connection with the link's client and settings, for commands that
     * must not hold up publishing (a blocking {@code XREAD} of the Redis Streams adapter). The
     * caller closes it; the link's {@link #close()} closes it too.
     *
     * @return the connection, once connected
     */
    public CompletableFuture<StatefulRedisConnection<String, byte[]>> openConnection() {
        return client.connectAsync(CODEC, uri).toCompletableFuture();
    }

    /** @return runs tasks on the link's thread, in order (what they throw is logged) */
    public java.util.concurrent.Executor executor() {
        return task -> thread.execute(() -> run(task));
    }

    /**
     * Runs a command on the command connection (the Redis Streams adapter's {@code XADD}, say);
     * fails at once when Redis is not connected. Completes on one of Lettuce's I/O threads.
     *
     * @param call the command, given Lettuce's asynchronous API (keys as strings, values as bytes)
     * @param <T> its result
     * @return the result
     */
    public <T> CompletableFuture<T> command(java.util.function.Function<RedisAsyncCommands<String, byte[]>, CompletableFuture<T>> call) {
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (state != State.CONNECTED || connection == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis at " + where));
        }
        try {
            return call.apply(connection.async()).whenComplete((result, error) -> {
                if (error != null && state == State.CONNECTED) {
                    failedCommands.log(Level.WARNING, "a Redis command failed: " + error);
                }
            });
        } catch (RuntimeException e) { // Lettuce refuses at once (queue full, closed meanwhile)
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Subscribes to a channel, now if connected, else as soon as the link is; again after every
     * reconnection. The handler runs on the link's thread. One handler per channel: a second
     * subscription to the same channel replaces the first (a namespace created again).
     *
     * @param channel the channel
     * @param handler receives each message
     * @return the subscription, to close
     */
    public Subscription subscribe(String channel, Consumer<byte[]> handler) {
        return subscriptions.subscribe(channel, handler);
    }

    /**
     * Subscribes to a pattern ({@code PSUBSCRIBE}); as {@link #subscribe}.
     *
     * @param pattern the glob pattern
     * @param handler receives the channel and each message
     * @return the subscription, to close
     */
    public Subscription psubscribe(String pattern, BiConsumer<String, byte[]> handler) {
        return subscriptions.psubscribe(pattern, handler);
    }

    /**
     * Runs a task on the link's thread after a delay (request timeouts).
     *
     * @param task the task; what it throws is logged
     * @param after the delay
     * @return the task, to cancel
     */
    public ScheduledFuture<?> schedule(Runnable task, Duration after) {
        return thread.schedule(() -> run(task), after.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Closes both connections and the link's threads; pending publications fail. */
    @Override
    public void close() {
        state = State.CLOSED;
        commands = null; // the client's shutdown closes them (closing them first would close them twice)
        subscriber = null;
        subscriptions.detach();
        thread.shutdownNow();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "RedisLink[" + where + ", " + state + "]";
    }

    // ---- connecting, on the link's thread ----

    private void connect() {
        if (state == State.CLOSED) {
            return;
        }
        attempts++;
        CompletableFuture<StatefulRedisConnection<String, byte[]>> command =
                client.connectAsync(CODEC, uri).toCompletableFuture();
        CompletableFuture<StatefulRedisPubSubConnection<String, byte[]>> pubSub =
                client.connectPubSubAsync(CODEC, uri).toCompletableFuture();
        CompletableFuture.allOf(command, pubSub).whenCompleteAsync((done, error) -> {
            if (error != null || state == State.CLOSED) {
                command.thenAccept(StatefulRedisConnection::closeAsync);
                pubSub.thenAccept(StatefulRedisPubSubConnection::closeAsync);
                if (error != null) {
                    retry(error);
                }
                return;
            }
            connected(command.join(), pubSub.join());
        }, thread);
    }

    private void connected(StatefulRedisConnection<String, byte[]> command, StatefulRedisPubSubConnection<String, byte[]> pubSub) {
        commands = command;
        subscriber = pubSub;
        state = State.CONNECTED;
        subscriptions.attach(pubSub);
        if (everConnected) {
            log.log(Level.WARNING, "reconnected to Redis at " + where + " after "
                    + (System.currentTimeMillis() - downSince) / 1000 + " s: cluster delivery resumes");
        } else {
            log.log(attempts > 1 ? Level.WARNING : Level.INFO, "connected to Redis at " + where
                    + (attempts > 1 ? " after " + attempts + " attempts" : ""));
        }
        everConnected = true;
        attempts = 0;
        delay = FIRST_DELAY;
    }

    private void retry(Throwable error) {
        long now = System.currentTimeMillis();
        String cause = cause(error);
        if (attempts == 1) {
            downSince = everConnected ? downSince : now;
            lastReminder = now;
            log.log(everConnected ? Level.WARNING : Level.ERROR, "cannot connect to Redis at " + where + ": " + cause
                    + "; retrying every " + MAX_DELAY.toSeconds() + " s at most, " + whileDown + " meanwhile");
        } else if (now - lastReminder >= REMINDER_MILLIS) {
            lastReminder = now;
            log.log(Level.WARNING, "still no Redis at " + where + " (" + cause + ") after " + attempts + " attempts in "
                    + (now - downSince) / 1000 + " s; " + whileDown + " meanwhile");
        }
        thread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
    }

    private void lost(RedisChannelHandler<?, ?> connection, Throwable error) {
        if (state != State.CONNECTED || (connection != commands && connection != subscriber)) {
            return; // already known, or an old connection closing
        }
        state = State.CONNECTING;
        downSince = System.currentTimeMillis();
        log.log(Level.WARNING, "lost the connection to Redis at " + where + " ("
                + (error == null ? "closed by Redis" : cause(error)) + "): this server keeps serving its own clients;"
                + " reconnecting");
        closeConnections();
        attempts = 1; // the loss is the first failure: no second line for the first retry
        thread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void closeConnections() {
        StatefulRedisConnection<String, byte[]> command = commands;
        StatefulRedisPubSubConnection<String, byte[]> pubSub = subscriber;
        commands = null;
        subscriber = null;
        // Only open ones: Lettuce warns about closing a closed connection, a second log line per loss.
        if (command != null && command.isOpen()) {
            command.closeAsync();
        }
        if (pubSub != null && pubSub.isOpen()) {
            pubSub.closeAsync();
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "a Redis message handler failed", e);
        }
    }

    private static String cause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Tells the link's thread when one of its connections drops, with the last error seen on it. */
    private final class LossListener implements RedisConnectionStateListener {
        private final Map<RedisChannelHandler<?, ?>, Throwable> errors = new ConcurrentHashMap<>();

        @Override
        public void onRedisExceptionCaught(RedisChannelHandler<?, ?> connection, Throwable cause) {
            errors.put(connection, cause);
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            Throwable error = errors.remove(connection);
            if (state == State.CONNECTED) {
                try {
                    thread.execute(() -> lost(connection, error));
                } catch (java.util.concurrent.RejectedExecutionException e) { // closed meanwhile
                    // nothing to reconnect
                }
            }
        }
    }

    /** A channel or pattern subscription of {@link #subscribe} or {@link #psubscribe}. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        /** Stops it, unless another subscription replaced it; idempotent. */
        @Override
        void close();
    }
}
