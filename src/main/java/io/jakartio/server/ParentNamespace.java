package io.jakartio.server;

import io.jakartio.adapter.Adapter;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A family of dynamic namespaces ({@code io.of(Pattern)} or {@code io.of(matcher)}): every
 * matching namespace a client asks for is created as a child that shares this parent's
 * middlewares and connection listeners. Emitting on the parent reaches every child.
 *
 * <pre>{@code
 * ParentNamespace teams = io.of(Pattern.compile("^/team-\\d+$"));
 * teams.on("connection", socket -> socket.emit("hello", socket.nsp().name()));
 * teams.emit("announcement", "maintenance at 5");   // all /team-N namespaces
 * }</pre>
 */
public final class ParentNamespace extends Namespace {

    private static final System.Logger LOG = System.getLogger(ParentNamespace.class.getName());

    private final NamespaceMatcher matcher;
    private final List<Namespace> children = new CopyOnWriteArrayList<>();

    ParentNamespace(Server server, String name, NamespaceMatcher matcher) {
        super(server, name);
        this.matcher = matcher;
    }

    /** @return the child namespaces created so far */
    public List<Namespace> children() {
        return List.copyOf(children);
    }

    boolean matches(String name, Map<String, Object> auth) {
        return matcher.matches(name, auth);
    }

    /** Creates the child namespace {@code name}, wired to this parent's handlers. */
    Namespace createChild(String name) {
        Namespace child = new Namespace(server(), name);
        // The child reads the parent's (live) lists, so handlers added later apply too.
        child.use((socket, next) -> new MiddlewareChain<>(middlewares(), Middleware::handle, socket,
                next::proceed, next::fail).start());
        child.on("connection", socket -> {
            for (ConnectionListener listener : connectionListeners()) {
                try {
                    listener.onConnection(socket);
                } catch (RuntimeException e) { // as for a namespace's own listeners: the others still run
                    LOG.log(Level.WARNING, "connection listener of " + name() + " failed", e);
                }
            }
        });
        children.add(child);
        return child;
    }

    void removeChild(Namespace child) {
        children.remove(child);
    }

    /**
     * Not supported, as in Node: the servers of a cluster send server-side events to a namespace
     * they all have, not to a family of them.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean serverSideEmit(String event, Object... args) {
        throw new UnsupportedOperationException("serverSideEmit() is not supported on parent namespaces");
    }

    /**
     * Not supported, as in Node.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public CompletableFuture<List<Object>> serverSideEmitWithAck(String event, Object... args) {
        throw new UnsupportedOperationException("serverSideEmitWithAck() is not supported on parent namespaces");
    }

    @Override
    List<Adapter> broadcastAdapters() {
        List<Adapter> adapters = new ArrayList<>();
        for (Namespace child : children) {
            adapters.add(child.adapter());
        }
        return adapters;
    }
}
