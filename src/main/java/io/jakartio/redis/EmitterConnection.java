package io.jakartio.redis;

import io.jakartio.parser.MessagePack;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an {@link Emitter} and all the emitters and operators made from it share: one way to
 * PUBLISH (a {@link RedisLink} of its own, or the application's Lettuce connection), the
 * encoders of the Redis adapter, and the publications under way, which {@link #close()} lets
 * finish. Publishing never buffers: while Redis is unreachable a publication fails at once, and
 * Lettuce's queue of commands in flight is bounded.
 */
final class EmitterConnection implements AutoCloseable {

    /** One {@code PUBLISH}. */
    @FunctionalInterface
    interface Publisher {
        /** @return the number of subscribers that received the message */
        CompletableFuture<Long> publish(String channel, byte[] message);
    }

    private final Publisher publisher;
    private final Executor completions;
    private final AutoCloseable owned;
    private final Duration timeout;
    private final MessagePack msgpack;
    private final RequestCodec codec;
    private final Set<CompletableFuture<Long>> underWay = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param publisher publishes
     * @param completions completes the futures handed to the application (never Lettuce's I/O threads)
     * @param owned closed by {@link #close()}: the emitter's own link, or {@code null}
     * @param options the JSON mapper and the timeout
     */
    EmitterConnection(Publisher publisher, Executor completions, AutoCloseable owned, EmitterOptions options) {
        this.publisher = publisher;
        this.completions = completions;
        this.owned = owned;
        this.timeout = options.timeout();
        this.msgpack = new MessagePack(options.jsonMapper());
        this.codec = new RequestCodec(msgpack, options.jsonMapper());
    }

    /** Publishing on a {@link RedisLink} of the emitter's own, closed with it. */
    static EmitterConnection of(RedisLink link, EmitterOptions options) {
        return new EmitterConnection(link::publish, link.executor(), link, options);
    }

    /**
     * Publishing on the application's connection, whatever its codec: the channel and the message
     * go as raw bytes. The application keeps and closes its connection.
     */
    static EmitterConnection of(StatefulRedisConnection<?, ?> connection, EmitterOptions options) {
        return new EmitterConnection(publisher(connection), ForkJoinPool.commonPool(), null, options);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Publisher publisher(StatefulRedisConnection<?, ?> connection) {
        return (channel, message) -> {
            CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE)
                    .add(channel.getBytes(StandardCharsets.UTF_8)).add(message);
            // dispatch with the arguments' own codec: the connection's codec never sees them
            return ((StatefulRedisConnection) connection).async()
                    .dispatch(CommandType.PUBLISH, new IntegerOutput<>(ByteArrayCodec.INSTANCE), args)
                    .toCompletableFuture();
        };
    }

    /** @return the MessagePack of broadcasts */
    byte[] msgpack(Object message) {
        return msgpack.encode(message);
    }

    /** @return the JSON of requests, as {@code JSON.stringify} writes it */
    byte[] json(Map<String, Object> message) {
        return codec.json(message);
    }

    /**
     * Publishes once.
     *
     * @return the number of Redis subscribers that received it (the servers listening on the
     *     channel), completed off Lettuce's threads; fails if Redis refused it or is unreachable
     * @throws IllegalStateException if the emitter is closed
     */
    CompletableFuture<Long> publish(String channel, byte[] message) {
        if (closed) {
            throw new IllegalStateException("the emitter is closed");
        }
        CompletableFuture<Long> published;
        try {
            published = publisher.publish(channel, message);
        } catch (RuntimeException e) { // Lettuce refuses at once: closed, queue full
            published = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Long> done = published;
        underWay.add(done); // before whenComplete: a future already complete is removed at once
        done.whenComplete((receivers, error) -> underWay.remove(done));
        return done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((r, e) -> { }, completions);
    }

    /** Waits (at most the timeout) for the publications under way, then closes what the emitter owns. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            CompletableFuture.allOf(underWay.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a failed publication was reported to its caller; one still waiting is abandoned
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the emitter's connection to Redis", e);
            }
        }
    }
}
