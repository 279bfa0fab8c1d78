package io.jakartio.server;

import io.jakartio.adapter.Adapter;
import io.jakartio.adapter.PersistedSession;
import io.jakartio.adapter.RestoredSession;
import io.jakartio.engine.SessionIds;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The server's part of connection state recovery: private session ids, asking the adapter for
 * the session a reconnecting client names, and persisting the session of a socket whose
 * connection was lost. Keeping sessions and missed packets is the adapter's part (see
 * {@link Adapter}). Inert when the option is off.
 */
final class SessionRecovery {

    private static final System.Logger LOG = System.getLogger(SessionRecovery.class.getName());

    /**
     * The reasons a client may come back from, as the reference server's
     * {@code RECOVERABLE_DISCONNECT_REASONS}: the connection was lost or closed, whereas a
     * namespace left on purpose (by either side) or a broken client is not resumed.
     */
    private static final Set<DisconnectReason> RECOVERABLE = EnumSet.of(
            DisconnectReason.TRANSPORT_ERROR,
            DisconnectReason.TRANSPORT_CLOSE,
            DisconnectReason.FORCED_CLOSE,
            DisconnectReason.PING_TIMEOUT,
            DisconnectReason.SERVER_SHUTTING_DOWN,
            DisconnectReason.FORCED_SERVER_CLOSE);

    private static final CompletableFuture<Optional<RestoredSession>> NONE =
            CompletableFuture.completedFuture(Optional.empty());

    private final ConnectionStateRecovery options;
    private final SessionIds ids;

    /**
     * @param options the settings, or {@code null} when recovery is off
     * @param ids the generator of socket ids, reused for private session ids
     */
    SessionRecovery(ConnectionStateRecovery options, SessionIds ids) {
        this.options = options;
        this.ids = ids;
    }

    /** @return whether the option is on */
    boolean enabled() {
        return options != null;
    }

    /** @return a new private session id, or {@code null} when recovery is off */
    String newPid() {
        return options == null ? null : ids.next();
    }

    /**
     * Asks the adapter for the session named by a CONNECT packet's {@code auth.pid} and
     * {@code auth.offset}. Never fails: an adapter error counts as "not found", as in the
     * reference server.
     *
     * @param nsp the namespace connected to
     * @param auth the CONNECT payload
     * @return the session to resume, or empty for a fresh socket
     */
    CompletableFuture<Optional<RestoredSession>> restore(Namespace nsp, Map<String, Object> auth) {
        if (options == null || !(auth.get("pid") instanceof String pid)
                || !(auth.get("offset") instanceof String offset)) {
            return NONE;
        }
        CompletableFuture<Optional<RestoredSession>> found;
        try {
            found = nsp.adapter().restoreSession(pid, offset);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "restoring a session of " + nsp.name() + " failed", e);
            return NONE;
        }
        if (found == null) {
            return NONE;
        }
        return found.handle((session, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "restoring a session of " + nsp.name() + " failed", error);
                return Optional.empty();
            }
            // A socket still connected with that id is not forked into two.
            return session == null ? Optional.empty() : session.filter(s -> !nsp.sockets().containsKey(s.sid()));
        });
    }

    /**
     * @param socket a socket about to connect
     * @return whether it connects without running the middlewares
     */
    boolean skipsMiddlewares(Socket socket) {
        return options != null && options.skipMiddlewares() && socket.recovered();
    }

    /**
     * Saves the session of a socket that is closing for a recoverable reason; called before it
     * leaves its rooms. A connected socket, or a recovered one whose connection was lost before
     * it connected again (its client still holds the same private id and offset, and may come
     * back once more).
     *
     * @param socket the socket
     * @param reason why it closes
     */
    void onClose(Socket socket, DisconnectReason reason) {
        if (options == null || !(socket.connected() || socket.recovered()) || !RECOVERABLE.contains(reason)) {
            return;
        }
        try {
            socket.nsp().adapter().persistSession(
                    new PersistedSession(socket.id(), socket.pid(), socket.rooms(), socket.dataIfAny()));
        } catch (RuntimeException e) { // the socket must still close
            LOG.log(Level.WARNING, "persisting the session of " + socket + " failed", e);
        }
    }
}
