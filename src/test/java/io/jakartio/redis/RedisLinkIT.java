package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The link every Redis backend of a server shares (the adapter's, and the Redis Streams
 * adapter's and the emitter's to come): subscriptions in and out, the thread handlers run on, an
 * extra connection for blocking commands.
 */
class RedisLinkIT {

    private final String prefix = "jakartio-test-" + UUID.randomUUID() + ":";
    private final RedisLink link = new RedisLink(RedisCluster.SHARED_REDIS, Duration.ofSeconds(2));
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        link.close();
    }

    @Test
    void aSubscriptionMadeBeforeTheLinkIsUpGetsMessagesOnTheLinksThreadInOrder() throws Exception {
        link.subscribe(prefix + "c", message -> received.add(Thread.currentThread().getName() + " "
                + new String(message, StandardCharsets.UTF_8)));
        awaitSubscribers(prefix + "c", 1);

        for (int i = 0; i < 20; i++) {
            link.publish(prefix + "c", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }

        for (int i = 0; i < 20; i++) {
            assertEquals("jakartio-redis m" + i, received.poll(2, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPatternSubscriptionGetsTheChannelOfEachMessage() throws Exception {
        link.psubscribe(prefix + "room#*", (channel, message) -> received.add(channel));
        awaitPattern(prefix + "room#x");

        assertEquals(prefix + "room#x", received.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void closingASubscriptionUnsubscribesUnlessAnotherReplacedIt() throws Exception {
        RedisLink.Subscription first = link.subscribe(prefix + "c", message -> received.add("first"));
        RedisLink.Subscription second = link.subscribe(prefix + "c", message -> received.add("second"));
        awaitSubscribers(prefix + "c", 1);

        first.close(); // replaced: nothing happens
        link.publish(prefix + "c", new byte[] {1}).get(2, TimeUnit.SECONDS);
        assertEquals("second", received.poll(2, TimeUnit.SECONDS));

        second.close();
        awaitSubscribers(prefix + "c", 0);
        assertEquals(0L, link.publish(prefix + "c", new byte[] {1}).get(2, TimeUnit.SECONDS));
    }

    @Test
    void anExtraConnectionRunsBlockingCommandsWithoutHoldingUpPublishing() throws Exception {
        awaitConnected();
        StatefulRedisConnection<String, byte[]> extra = link.openConnection().get(2, TimeUnit.SECONDS);
        var blocked = extra.async().blpop(2, prefix + "list"); // blocks that connection for up to 2 s

        long start = System.nanoTime();
        link.publish(prefix + "nobody", new byte[] {1}).get(1, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "publishing did not wait");
        link.command(redis -> redis.rpush(prefix + "list", "v".getBytes(StandardCharsets.UTF_8)).toCompletableFuture())
                .get(1, TimeUnit.SECONDS);
        assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), blocked.get(2, TimeUnit.SECONDS).getValue());
        extra.close();
    }

    @Test
    void aClosedLinkRefusesCommandsAtOnce() {
        awaitConnected();
        link.close();

        assertFalse(link.isConnected());
        assertTrue(link.publish(prefix + "c", new byte[] {1}).isCompletedExceptionally());
    }

    private void awaitConnected() {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!link.isConnected()) {
            assertTrue(System.currentTimeMillis() < deadline, "connected");
            RedisCluster.sleep(10);
        }
    }

    private void awaitSubscribers(String channel, long count) {
        awaitConnected();
        long deadline = System.currentTimeMillis() + 5_000;
        while (link.numsub(channel).join() != count) {
            assertTrue(System.currentTimeMillis() < deadline, channel + " has " + count + " subscribers");
            RedisCluster.sleep(10);
        }
    }

    /** Publishes on {@code channel} until the pattern subscription hears it (PUBSUB counts no patterns per channel). */
    private void awaitPattern(String channel) throws Exception {
        awaitConnected();
        long deadline = System.currentTimeMillis() + 5_000;
        while (link.publish(channel, new byte[0]).get(1, TimeUnit.SECONDS) == 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the pattern is subscribed");
            RedisCluster.sleep(10);
        }
    }
}
