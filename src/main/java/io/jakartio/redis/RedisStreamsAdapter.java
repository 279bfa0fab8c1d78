package io.jakartio.redis;

import io.jakartio.adapter.AdapterHost;
import io.jakartio.adapter.ClusterAdapter;
import io.jakartio.adapter.ClusterMessage;
import io.jakartio.adapter.PersistedSession;
import io.jakartio.adapter.RestoredSession;
import io.jakartio.parser.MessagePack;
import io.lettuce.core.XAddArgs;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The adapter of one namespace in a cluster on Redis Streams, speaking exactly the protocol of
 * Node's {@code @socket.io/redis-streams-adapter} 0.3.1: a {@link ClusterAdapter} whose messages
 * travel as that adapter sends them (see {@link ClusterMessageCodec}).
 * <ul>
 *   <li>broadcasts (without acknowledgements), {@code socketsJoin}, {@code socketsLeave} and
 *       {@code disconnectSockets} are appended to the stream ({@code XADD <streamName> MAXLEN ~
 *       <maxLen>}), read back by every server ({@link StreamReader}); the entry's id is the
 *       broadcast's offset for connection state recovery, the same on every server;</li>
 *   <li>requests ({@code fetchSockets}, {@code serverSideEmit}, broadcasts with
 *       acknowledgements) and heartbeats are published on {@code <channelPrefix>#<nsp>#}, answers
 *       on the requester's {@code <channelPrefix>#<nsp>#<uid>#};</li>
 *   <li>the number of servers is the number of subscribers of {@code <channelPrefix>#<nsp>#}
 *       ({@code PUBSUB NUMSUB}), as Node counts them;</li>
 *   <li>sessions are kept in Redis ({@link RedisSessions}): a client resumes on any server.</li>
 * </ul>
 * When Redis is unreachable, broadcasts still reach this server's sockets (without offset),
 * requests answer with this server's own sockets, {@link #serverCount()} is 1.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder()
 *     .adapter(new RedisStreamsAdapterFactory(RedisStreamsAdapterOptions.defaults()))
 *     .connectionStateRecovery(ConnectionStateRecovery.defaults())
 *     .build();
 * }</pre>
 */
public class RedisStreamsAdapter extends ClusterAdapter {

    private static final System.Logger LOG = System.getLogger(RedisStreamsAdapter.class.getName());

    private final RedisLink link;
    private final StreamReader reader;
    private final RedisStreamsAdapterOptions options;
    private final ClusterMessageCodec codec;
    private final RedisSessions sessions;
    private final String publicChannel;
    private final XAddArgs xadd;
    private final List<RedisLink.Subscription> subscriptions = new ArrayList<>();

    /**
     * Subscribes to the namespace's channels and reads its entries of the stream.
     *
     * @param host the namespace
     * @param link the server's connections to Redis
     * @param reader the server's reader of the stream
     * @param options the stream, channels and timings
     */
    RedisStreamsAdapter(AdapterHost host, RedisLink link, StreamReader reader, RedisStreamsAdapterOptions options) {
        super(host, (delay, task) -> cancel(link.schedule(task, delay)), options.requestsTimeout(),
                options.heartbeatInterval(), options.heartbeatTimeout());
        this.link = link;
        this.reader = reader;
        this.options = options;
        MessagePack msgpack = new MessagePack(host.encoder().fallback());
        this.codec = new ClusterMessageCodec(msgpack, host.encoder().fallback());
        this.sessions = new RedisSessions(link, msgpack, codec, options.streamName(), options.sessionKeyPrefix());
        this.publicChannel = options.channelPrefix() + "#" + host.name() + "#";
        this.xadd = XAddArgs.Builder.maxlen(options.maxLen()).approximateTrimming();
        subscriptions.add(link.subscribe(publicChannel, this::onPublished));
        subscriptions.add(link.subscribe(publicChannel + uid() + "#", this::onPublished));
        reader.register(host.name(), this::onEntry);
        start();
    }

    private static Runnable cancel(ScheduledFuture<?> task) {
        return () -> task.cancel(false);
    }

    /** @return the channel every server of the namespace subscribes to */
    public String publicChannel() {
        return publicChannel;
    }

    @Override
    protected CompletableFuture<String> doPublish(ClusterMessage message) {
        if (ephemeral(message)) {
            byte[] payload = codec.published(uid(), host.name(), message);
            return link.publish(publicChannel, payload).thenApplyAsync(receivers -> "", link.executor());
        }
        Map<String, byte[]> fields = codec.streamEntry(uid(), host.name(), message);
        return link.command(redis -> redis.xadd(options.streamName(), xadd, fields).toCompletableFuture())
                .thenApplyAsync(id -> id, link.executor()); // in order, on the thread that delivers the others' entries
    }

    @Override
    protected CompletableFuture<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
        byte[] payload = codec.published(uid(), host.name(), response);
        return link.publish(publicChannel + requesterUid + "#", payload).thenApply(receivers -> null);
    }

    /** What Node's adapter sends on PUB/SUB rather than in the stream: requests, and (ours) heartbeats. */
    private static boolean ephemeral(ClusterMessage message) {
        return switch (message.type()) {
            case BROADCAST -> ((ClusterMessage.Broadcast) message).requestId() != null;
            case SERVER_SIDE_EMIT, FETCH_SOCKETS, INITIAL_HEARTBEAT, HEARTBEAT, ADAPTER_CLOSE -> true;
            default -> false;
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>The subscribers of {@code <channelPrefix>#<nsp>#} ({@code PUBSUB NUMSUB}), as Node's
     * Redis Streams adapter counts them; 1 while Redis is unreachable.
     */
    @Override
    public CompletableFuture<Integer> serverCount() {
        if (!link.isConnected()) {
            return CompletableFuture.completedFuture(1);
        }
        return link.numsub(publicChannel).handle((count, error) -> error != null || count == null
                ? 1 : (int) Math.max(1, count));
    }

    @Override
    public void persistSession(PersistedSession session) {
        Optional<Duration> window = host.maxDisconnectionDuration();
        if (window.isPresent()) {
            sessions.persist(session, window.get());
        }
    }

    @Override
    public CompletableFuture<Optional<RestoredSession>> restoreSession(String pid, String offset) {
        if (host.maxDisconnectionDuration().isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return sessions.restore(host.name(), pid, offset, new RedisSessions.Progress() {
            @Override
            public void found(PersistedSession session) {
                resumingStarted(session.sid(), session.rooms());
            }

            @Override
            public void read(PersistedSession session, String lastMissed) {
                missedUpTo(session.sid(), lastMissed);
            }

            @Override
            public void failed(PersistedSession session) {
                resumingFailed(session.sid());
            }
        });
    }

    /** Unsubscribes and stops reading the namespace's entries, after saying so to the others. */
    @Override
    public void close() {
        super.close();
        reader.unregister(host.name());
        subscriptions.forEach(RedisLink.Subscription::close);
    }

    @Override
    public String toString() {
        return "RedisStreamsAdapter[" + host.name() + ", uid " + uid() + ", " + link.where() + " " + options.streamName() + "]";
    }

    // ---- received, on the link's thread ----

    private void onPublished(byte[] payload) {
        try {
            ClusterMessageCodec.Received received = codec.fromChannel(payload);
            if (host.name().equals(received.nsp())) {
                onMessage(received.uid(), received.message(), null);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "ignored a malformed message on " + publicChannel + ": " + e);
        }
    }

    private void onEntry(Map<String, byte[]> fields, String id) {
        byte[] from = fields.get("uid");
        if (from != null && uid().equals(new String(from, StandardCharsets.UTF_8))) {
            return; // this server's own entry, acted on here already (not even decoded)
        }
        ClusterMessageCodec.Received received = codec.fromStream(fields);
        onMessage(received.uid(), received.message(), id);
    }
}
