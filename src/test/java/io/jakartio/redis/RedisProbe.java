package io.jakartio.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain Redis client beside the cluster, to see what is on the wire and to play a server that
 * never answers: counts subscribers, publishes raw bytes, records what a channel carries.
 */
final class RedisProbe implements AutoCloseable {

    /** A message seen on a subscribed channel. */
    record Message(String channel, byte[] payload) { }

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> commands;
    private StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

    RedisProbe(String uri) {
        this.client = RedisClient.create(uri);
        this.commands = client.connect(CODEC);
    }

    long numsub(String channel) {
        return commands.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
    }

    long publish(String channel, byte[] payload) {
        return commands.sync().publish(channel, payload);
    }

    /** Deletes keys: names, or patterns with {@code *} (found with {@code KEYS}: test keys only). */
    void deleteKeys(String... keysOrPatterns) {
        for (String key : keysOrPatterns) {
            java.util.List<String> found = key.contains("*") ? commands.sync().keys(key) : java.util.List.of(key);
            if (!found.isEmpty()) {
                commands.sync().del(found.toArray(String[]::new));
            }
        }
    }

    /** Appends an entry to a stream, as any client may. @return its id */
    String xadd(String stream, java.util.Map<String, byte[]> fields) {
        return commands.sync().xadd(stream, fields);
    }

    /** @return the number of entries of a stream */
    long xlen(String stream) {
        return commands.sync().xlen(stream);
    }

    /** Subscribes to channels (as a server that never answers would), recording their messages. */
    RedisProbe subscribe(String... channels) {
        subscriber().sync().subscribe(channels);
        return this;
    }

    /** Subscribes to a pattern, recording its messages. */
    RedisProbe psubscribe(String pattern) {
        subscriber().sync().psubscribe(pattern);
        return this;
    }

    /** @return the next message seen, waiting up to {@code timeout}, or {@code null} */
    Message next(Duration timeout) {
        try {
            return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Drops the subscriber connection at once, as a server that dies does. */
    void dropSubscriber() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }

    private StatefulRedisPubSubConnection<String, byte[]> subscriber() {
        if (subscriber == null) {
            subscriber = client.connectPubSub(CODEC);
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    messages.add(new Message(channel, message));
                }

                @Override
                public void message(String pattern, String channel, byte[] message) {
                    messages.add(new Message(channel, message));
                }
            });
        }
        return subscriber;
    }

    @Override
    public void close() {
        dropSubscriber();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}
