package io.jakartio.redis;

import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.adapter.ClusterMessage;
import io.jakartio.adapter.PersistedSession;
import io.jakartio.adapter.RestoredSession;
import io.jakartio.parser.MessagePack;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketType;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Connection state recovery across servers, as Node's Redis Streams adapter keeps it: a socket's
 * session is the base64 of the MessagePack of {@code {sid, pid, rooms, data}} under
 * {@code <sessionKeyPrefix><pid>}, expiring after {@code maxDisconnectionDuration}; offsets are
 * stream ids, and the packets a client missed are the broadcasts of its namespace in the stream
 * after its offset that reach its rooms. Any server of the cluster, Java or Node, restores a
 * session any other saved. A session is taken once ({@code GETDEL}).
 *
 * <pre>{@code
 * sessions.persist(new PersistedSession(sid, pid, rooms, data), Duration.ofMinutes(2));
 * sessions.restore("/", pid, "1796300831297-0").thenAccept(found -> ...);
 * }</pre>
 */
final class RedisSessions {

    private static final System.Logger LOG = System.getLogger(RedisSessions.class.getName());
    private static final Pattern OFFSET = Pattern.compile("[0-9]+-[0-9]+");
    /** Entries per {@code XRANGE} and the most calls, as Node bounds its loop: a fast stream cannot keep a restore going. */
    private static final int PAGE = 1_000;
    private static final int MAX_PAGES = 100;

    private final RedisLink link;
    private final MessagePack msgpack;
    private final ClusterMessageCodec codec;
    private final String stream;
    private final String keyPrefix;

    RedisSessions(RedisLink link, MessagePack msgpack, ClusterMessageCodec codec, String stream, String keyPrefix) {
        this.link = link;
        this.msgpack = msgpack;
        this.codec = codec;
        this.stream = stream;
        this.keyPrefix = keyPrefix;
    }

    /** @return the session as Node stores it: base64 of MessagePack {@code {sid, pid, rooms, data}} */
    String encode(PersistedSession session) {
        Map<String, Object> wire = new LinkedHashMap<>(4);
        wire.put("sid", session.sid());
        wire.put("pid", session.pid());
        wire.put("rooms", List.copyOf(session.rooms()));
        wire.put("data", session.data());
        return Base64.getEncoder().encodeToString(msgpack.encode(wire));
    }

    /** @throws IllegalArgumentException if it is not such a session */
    @SuppressWarnings("unchecked")
    PersistedSession decode(String stored) {
        if (!(msgpack.decode(Base64.getDecoder().decode(stored)) instanceof Map<?, ?> wire)
                || !(wire.get("sid") instanceof String sid) || !(wire.get("pid") instanceof String pid)) {
            throw new IllegalArgumentException("not a session");
        }
        Object data = wire.get("data");
        return new PersistedSession(sid, pid, WireFormat.readRooms(wire.get("rooms")),
                data instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
    }

    void persist(PersistedSession session, Duration expiry) {
        byte[] value = encode(session).getBytes(StandardCharsets.US_ASCII);
        link.command(redis -> redis.set(keyPrefix + session.pid(), value, SetArgs.Builder.px(expiry.toMillis()))
                .toCompletableFuture()).whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.log(Level.DEBUG, () -> "session of " + session.sid() + " not saved: " + error);
                    }
                });
    }

    /** Told how a restore goes, so that the adapter holds what is broadcast to the socket meanwhile. */
    interface Progress {
        /** @param session found, its missed packets not read yet */
        void found(PersistedSession session);

        /** @param session its missed packets read @param lastMissed the offset of the last, or the client's */
        void read(PersistedSession session, String lastMissed);

        /** @param session found, but its missed packets could not be read */
        void failed(PersistedSession session);
    }

    /**
     * @param nsp the namespace
     * @param pid the client's private session id
     * @param offset the client's offset, a stream id
     * @return the session and its missed packets; empty if unknown, expired, or the offset is
     *     not in the stream any more
     */
    CompletableFuture<Optional<RestoredSession>> restore(String nsp, String pid, String offset, Progress progress) {
        if (offset == null || !OFFSET.matcher(offset).matches()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<byte[]> stored = link.command(redis -> redis.getdel(keyPrefix + pid).toCompletableFuture());
        CompletableFuture<List<StreamMessage<String, byte[]>>> at = link.command(redis ->
                redis.xrange(stream, Range.create(offset, offset)).toCompletableFuture());
        return stored.thenCombine(at, (raw, entries) -> raw == null || entries.isEmpty()
                ? null : decode(new String(raw, StandardCharsets.US_ASCII)))
                .thenCompose(session -> {
                    if (session == null) {
                        return CompletableFuture.completedFuture(Optional.<RestoredSession>empty());
                    }
                    progress.found(session);
                    List<SocketPacket> missed = new ArrayList<>();
                    String[] last = {offset};
                    return missedAfter(nsp, session, offset, missed, last, 0).handle((done, error) -> {
                        if (error != null) {
                            progress.failed(session);
                            throw error instanceof RuntimeException e ? e : new java.util.concurrent.CompletionException(error);
                        }
                        progress.read(session, last[0]);
                        return Optional.of(session.restore(missed));
                    });
                });
    }

    private CompletableFuture<Void> missedAfter(String nsp, PersistedSession session, String offset,
            List<SocketPacket> missed, String[] last, int page) {
        if (page >= MAX_PAGES) {
            return CompletableFuture.completedFuture(null);
        }
        return link.command(redis -> redis.xrange(stream, Range.create(next(offset), "+"), Limit.from(PAGE))
                .toCompletableFuture()).thenCompose(entries -> {
                    for (StreamMessage<String, byte[]> entry : entries) {
                        collect(nsp, session, entry, missed);
                        last[0] = entry.getId();
                    }
                    if (entries.size() < PAGE) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return missedAfter(nsp, session, last[0], missed, last, page + 1);
                });
    }

    private void collect(String nsp, PersistedSession session, StreamMessage<String, byte[]> entry, List<SocketPacket> missed) {
        Map<String, byte[]> body = entry.getBody();
        if (!nsp.equals(text(body.get("nsp"))) || !"3".equals(text(body.get("type")))) {
            return;
        }
        try {
            if (codec.fromStream(body).message() instanceof ClusterMessage.Broadcast broadcast
                    && broadcast.requestId() == null) {
                SocketPacket packet = broadcast.packet();
                BroadcastOptions options = broadcast.options();
                if (packet.type() == SocketPacketType.EVENT && !packet.wantsAck() && !options.flags().volatileSend()
                        && options.reaches(session.rooms())) {
                    List<Object> data = new ArrayList<>(packet.args());
                    data.add(entry.getId());
                    missed.add(SocketPacket.event(nsp, data));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "skipped the malformed entry " + entry.getId() + ": " + e);
        }
    }

    /** The id right after one: exclusive ranges need Redis 6.2, as Node notes. */
    static String next(String offset) {
        int dash = offset.indexOf('-');
        return offset.substring(0, dash + 1) + (Long.parseLong(offset.substring(dash + 1)) + 1);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
