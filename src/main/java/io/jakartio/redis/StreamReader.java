package io.jakartio.redis;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Reads the stream of the Redis Streams adapter for one server, on a connection of its own
 * ({@code XREAD BLOCK}), and hands each entry to the adapter of its namespace on the link's
 * thread, in stream order (Node's {@code startPolling}). It starts at the stream's end
 * ({@code $}) and then always reads after the last id it saw: after a lost connection it
 * reconnects (100 ms, doubling up to 2 s) and resumes there, so nothing still in the stream is
 * missed. It holds at most one read's entries ({@code readCount}).
 *
 * <pre>{@code
 * StreamReader reader = new StreamReader(link, "socket.io", 100, Duration.ofSeconds(5));
 * reader.register("/", (fields, id) -> adapter.onEntry(fields, id));
 * reader.start();
 * }</pre>
 */
final class StreamReader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StreamReader.class.getName());
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private final RedisLink link;
    private final String stream;
    private final XReadArgs args;
    private final Map<String, BiConsumer<Map<String, byte[]>, String>> namespaces = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile boolean closed;
    private volatile String lastId = "$";
    private Duration delay = FIRST_DELAY;

    /**
     * @param link the server's link to Redis
     * @param stream the stream name
     * @param readCount the most entries per read
     * @param blockTime how long a read waits
     */
    StreamReader(RedisLink link, String stream, int readCount, Duration blockTime) {
        this.link = link;
        this.stream = stream;
        this.args = XReadArgs.Builder.block(blockTime.toMillis()).count(readCount);
    }

    /** @param nsp a namespace @param handler receives its entries (fields, id) on the link's thread */
    void register(String nsp, BiConsumer<Map<String, byte[]>, String> handler) {
        namespaces.put(nsp, handler);
    }

    /** @param nsp a namespace whose adapter closed */
    void unregister(String nsp) {
        namespaces.remove(nsp);
    }

    /** @return the id of the last entry read, {@code $} before the first */
    String lastId() {
        return lastId;
    }

    /** Opens the reading connection and starts reading. */
    void start() {
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        link.openConnection().whenComplete((opened, error) -> {
            if (error != null) {
                retry();
                return;
            }
            if (closed) {
                opened.closeAsync();
                return;
            }
            connection = opened;
            delay = FIRST_DELAY;
            read(opened);
        });
    }

    private void read(StatefulRedisConnection<String, byte[]> on) {
        if (closed || on != connection) {
            return;
        }
        io.lettuce.core.XReadArgs.StreamOffset<String> from = "$".equals(lastId)
                ? XReadArgs.StreamOffset.latest(stream) : XReadArgs.StreamOffset.from(stream, lastId);
        on.async().xread(args, from).whenComplete((entries, error) -> {
            if (error != null) {
                if (closed) {
                    return;
                }
                if (on.isOpen()) { // a timeout, say: read again
                    LOG.log(Level.DEBUG, () -> "XREAD on " + stream + " failed: " + error);
                    read(on);
                } else {
                    connection = null;
                    on.closeAsync();
                    retry();
                }
                return;
            }
            if (entries != null && !entries.isEmpty()) {
                lastId = entries.get(entries.size() - 1).getId();
                link.executor().execute(() -> dispatch(entries));
            }
            read(on);
        });
    }

    private void dispatch(List<StreamMessage<String, byte[]>> entries) {
        for (StreamMessage<String, byte[]> entry : entries) {
            byte[] nsp = entry.getBody().get("nsp");
            if (nsp == null) {
                continue;
            }
            BiConsumer<Map<String, byte[]>, String> handler = namespaces.get(new String(nsp, StandardCharsets.UTF_8));
            if (handler != null) {
                try {
                    handler.accept(entry.getBody(), entry.getId());
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, () -> "ignored the malformed entry " + entry.getId() + " of " + stream + ": " + e);
                }
            }
        }
    }

    private void retry() {
        if (closed) {
            return;
        }
        Duration wait = delay;
        delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        link.schedule(this::connect, wait); // the link logs the loss of Redis once
    }

    /** Stops reading and closes the connection. */
    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, byte[]> open = connection;
        connection = null;
        if (open != null) {
            open.closeAsync();
        }
    }
}
