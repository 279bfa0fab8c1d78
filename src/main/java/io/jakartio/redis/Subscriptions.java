package io.jakartio.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The channels and patterns a {@link RedisLink} listens to, and their handlers: subscribed on
 * the current subscriber connection, subscribed again on each new one, and fed from Lettuce's
 * I/O thread to the link's thread through a bounded queue.
 */
final class Subscriptions {

    private final Map<String, Consumer<byte[]>> channels = new ConcurrentHashMap<>();
    private final Map<String, BiConsumer<String, byte[]>> patterns = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Executor thread;
    private final int maxQueued;
    private final RareLog dropped;
    private volatile StatefulRedisPubSubConnection<String, byte[]> connection;

    Subscriptions(Executor thread, int maxQueued, System.Logger log) {
        this.thread = thread;
        this.maxQueued = maxQueued;
        this.dropped = new RareLog(log);
    }

    /** Listens on a new subscriber connection: every channel and pattern is subscribed on it. */
    void attach(StatefulRedisPubSubConnection<String, byte[]> subscriber) {
        subscriber.addListener(new Messages());
        connection = subscriber;
        // Patterns first, as an adapter subscribes: once its last channel is subscribed, all are.
        if (!patterns.isEmpty()) {
            subscriber.async().psubscribe(patterns.keySet().toArray(String[]::new));
        }
        if (!channels.isEmpty()) {
            subscriber.async().subscribe(channels.keySet().toArray(String[]::new));
        }
    }

    /** The connection is gone: subscriptions wait for the next one. */
    void detach() {
        connection = null;
    }

    RedisLink.Subscription subscribe(String channel, Consumer<byte[]> handler) {
        channels.put(channel, handler);
        StatefulRedisPubSubConnection<String, byte[]> current = connection;
        if (current != null) {
            current.async().subscribe(channel); // a failure means a loss: the next connection subscribes it
        }
        return () -> {
            StatefulRedisPubSubConnection<String, byte[]> now = connection;
            if (channels.remove(channel, handler) && now != null) {
                now.async().unsubscribe(channel);
            }
        };
    }

    RedisLink.Subscription psubscribe(String pattern, BiConsumer<String, byte[]> handler) {
        patterns.put(pattern, handler);
        StatefulRedisPubSubConnection<String, byte[]> current = connection;
        if (current != null) {
            current.async().psubscribe(pattern);
        }
        return () -> {
            StatefulRedisPubSubConnection<String, byte[]> now = connection;
            if (patterns.remove(pattern, handler) && now != null) {
                now.async().punsubscribe(pattern);
            }
        };
    }

    /** Hands a received message to the link's thread, or drops it when too many wait already. */
    private void dispatch(Runnable task) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            dropped.log(Level.WARNING, "dropped a message from Redis: " + maxQueued
                    + " are waiting already (the jakartio-redis thread is blocked or overloaded)");
            return;
        }
        try {
            thread.execute(() -> {
                queued.decrementAndGet();
                task.run();
            });
        } catch (RejectedExecutionException e) { // the link closed meanwhile
            queued.decrementAndGet();
        }
    }

    /** Messages of the subscriber connection, on Lettuce's I/O thread. */
    private final class Messages extends RedisPubSubAdapter<String, byte[]> {
        @Override
        public void message(String channel, byte[] message) {
            Consumer<byte[]> handler = channels.get(channel);
            if (handler != null) {
                dispatch(() -> handler.accept(message));
            }
        }

        @Override
        public void message(String pattern, String channel, byte[] message) {
            BiConsumer<String, byte[]> handler = patterns.get(pattern);
            if (handler != null) {
                dispatch(() -> handler.accept(channel, message));
            }
        }
    }
}
