package io.jakartio.redis;

import io.jakartio.adapter.Adapter;
import io.jakartio.adapter.AdapterFactory;
import io.jakartio.adapter.AdapterHost;
import java.time.Duration;

/**
 * Makes a {@link RedisStreamsAdapter} for each namespace of one server, all sharing one
 * {@link RedisLink} and one {@link StreamReader} (three connections to Redis: commands,
 * subscriptions, the blocking read), opened with the first namespace and closed with the
 * server. Node's {@code createAdapter(redisClient, opts)} of {@code @socket.io/redis-streams-adapter}.
 *
 * <pre>{@code
 * Server io = new Server(ServerOptions.builder()
 *     .adapter(new RedisStreamsAdapterFactory(RedisStreamsAdapterOptions.builder().uri("redis://redis:6379").build()))
 *     .connectionStateRecovery(ConnectionStateRecovery.defaults()) // now across servers
 *     .build());
 * }</pre>
 *
 * <p>Needs {@code io.lettuce:lettuce-core}, and Redis 6.2 or
 * later ({@code GETDEL}). One factory serves one server.
 */
public final class RedisStreamsAdapterFactory implements AdapterFactory {

    /** A read returns this much before the command timeout, so that an idle read never times out. */
    private static final Duration READ_MARGIN = Duration.ofMillis(500);

    private final RedisStreamsAdapterOptions options;
    private final System.Logger linkLog;
    private RedisLink link;
    private StreamReader reader;
    private boolean closed;

    /** @param options where Redis is, the stream, channels and timings */
    public RedisStreamsAdapterFactory(RedisStreamsAdapterOptions options) {
        this(options, System.getLogger(RedisLink.class.getName()));
    }

    /** As the public constructor, the link logging to {@code linkLog} (tests record the lines). */
    RedisStreamsAdapterFactory(RedisStreamsAdapterOptions options, System.Logger linkLog) {
        this.options = options;
        this.linkLog = linkLog;
    }

    /** @return the settings */
    public RedisStreamsAdapterOptions options() {
        return options;
    }

    /**
     * @return the server's link to Redis, opened on first use
     * @throws IllegalStateException once the factory is closed
     */
    public synchronized RedisLink link() {
        if (closed) {
            throw new IllegalStateException("the Redis Streams adapter factory is closed (its server closed)");
        }
        if (link == null) {
            link = new RedisLink(options.uri(), options.requestsTimeout(), linkLog);
            Duration block = options.blockTime();
            Duration longest = options.requestsTimeout().minus(READ_MARGIN);
            if (block.compareTo(longest) > 0) {
                block = longest.compareTo(Duration.ofMillis(100)) > 0 ? longest : Duration.ofMillis(100);
            }
            reader = new StreamReader(link, options.streamName(), options.readCount(), block);
            reader.start();
        }
        return link;
    }

    @Override
    public synchronized Adapter create(AdapterHost host) {
        RedisLink opened = link();
        return new RedisStreamsAdapter(host, opened, reader, options);
    }

    /** Stops reading the stream and closes the link to Redis, if they were opened. */
    @Override
    public void close() {
        RedisLink opened;
        StreamReader reading;
        synchronized (this) {
            closed = true;
            opened = link;
            reading = reader;
            link = null;
            reader = null;
        }
        if (reading != null) {
            reading.close();
        }
        if (opened != null) {
            opened.close();
        }
    }
}
