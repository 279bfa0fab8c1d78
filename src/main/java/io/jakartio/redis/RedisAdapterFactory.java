package io.jakartio.redis;

import io.jakartio.adapter.Adapter;
import io.jakartio.adapter.AdapterFactory;
import io.jakartio.adapter.AdapterHost;

/**
 * Makes a {@link RedisAdapter} for each namespace of one server, all sharing one
 * {@link RedisLink} (two connections to Redis), opened when the server makes its first
 * namespace and closed when the server closes. Node's {@code createAdapter(pubClient, subClient, opts)}.
 *
 * <pre>{@code
 * Server io = new Server(ServerOptions.builder()
 *     .adapter(new RedisAdapterFactory(RedisAdapterOptions.builder().uri("redis://redis:6379").build()))
 *     .build());
 * }</pre>
 *
 * <p>Needs {@code io.lettuce:lettuce-core} on the class path.
 * One factory serves one server.
 */
public final class RedisAdapterFactory implements AdapterFactory {

    private final RedisAdapterOptions options;
    private final System.Logger linkLog;
    private RedisLink link;
    private boolean closed;

    /** @param options where Redis is, the channel prefix, the request timeout */
    public RedisAdapterFactory(RedisAdapterOptions options) {
        this(options, System.getLogger(RedisLink.class.getName()));
    }

    /** As the public constructor, the link logging to {@code linkLog} (tests record the lines). */
    RedisAdapterFactory(RedisAdapterOptions options, System.Logger linkLog) {
        this.options = options;
        this.linkLog = linkLog;
    }

    /** @return the settings */
    public RedisAdapterOptions options() {
        return options;
    }

    /**
     * @return the server's link to Redis, opened (connecting in the background) on first use
     * @throws IllegalStateException once the factory is closed
     */
    public synchronized RedisLink link() {
        if (closed) {
            throw new IllegalStateException("the Redis adapter factory is closed (its server closed)");
        }
        if (link == null) {
            link = new RedisLink(options.uri(), options.requestsTimeout(), linkLog);
        }
        return link;
    }

    @Override
    public Adapter create(AdapterHost host) {
        return new RedisAdapter(host, link(), options);
    }

    /** Closes the link to Redis, if one was opened. */
    @Override
    public void close() {
        RedisLink opened;
        synchronized (this) {
            closed = true;
            opened = link;
            link = null;
        }
        if (opened != null) {
            opened.close();
        }
    }
}
