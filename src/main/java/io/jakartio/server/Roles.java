package io.jakartio.server;

import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Who may connect to a namespace, or send an event: the users the container authenticated (a
 * realm, Jakarta Security, an HTTP session login) and put in one of some roles. The code
 * counterpart of {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on handler
 * classes and methods, decided from {@link Handshake#principal()} and
 * {@link Handshake#isUserInRole}.
 *
 * <p>As a {@link Middleware}, it refuses a namespace connection with a CONNECT_ERROR whose
 * message says why: {@code "not authenticated"} (nobody logged in), {@code "not authorized: role
 * admin required"}, {@code "not authorized: one of the roles admin, moderator required"}, or
 * {@code "not authorized"} ({@link #denyAll()}). {@link #guard} wraps an event listener: a refused
 * event does not reach it; if the client asked for an acknowledgement, it receives one argument,
 * {@code {"error": "<the same message>"}}; otherwise nothing is sent. Every refusal is logged
 * at {@code INFO}, at most once per second per {@code Roles} (the next line counts those left out).
 *
 * <pre>{@code
 * io.of("/admin").use(Roles.allowed(io, "admin"));           // client: connect_error, err.message
 *
 * Roles moderators = Roles.allowed(io, "moderator");          // once, not per socket
 * io.on("connection", socket -> {
 *     socket.on("ban", moderators.guard(socket, "ban", args -> ban((String) args[0])));
 * });
 * // client: socket.emit("ban", "troll", reply => reply.error && alert(reply.error))
 * }</pre>
 *
 * <p>Connection state recovery with {@code skipMiddlewares} (its default, as in Socket.IO) lets
 * a recovered socket in without running the namespace's middlewares, this one included: turn
 * {@code skipMiddlewares} off to check the login again on every reconnection. Thread-safe.
 */
public final class Roles implements Middleware {

    /** The Servlet specification's role name for "any authenticated user". */
    private static final String ANY_AUTHENTICATED = "**";

    private enum Kind { ROLES, AUTHENTICATED, NOBODY }

    private final Kind kind;
    private final Set<String> names;
    private final String refusal;
    private final RefusalLog refusals;
    private final System.Logger log;

    private Roles(Kind kind, Set<String> names, LongSupplier nanoTime, System.Logger log) {
        this.kind = kind;
        this.names = names;
        this.refusal = switch (kind) {
            case NOBODY -> "not authorized";
            case AUTHENTICATED -> "not authenticated";
            case ROLES -> names.size() == 1
                    ? "not authorized: role " + names.iterator().next() + " required"
                    : "not authorized: one of the roles " + String.join(", ", names) + " required";
        };
        this.refusals = new RefusalLog(nanoTime);
        this.log = log;
    }

    private Roles(Kind kind, Set<String> names) {
        this(kind, names, System::nanoTime, System.getLogger(Roles.class.getName()));
    }

    /**
     * Lets in the users in at least one of the roles, and declares the roles to the server
     * ({@link Server#declareRoles}). The role {@code "**"} stands for any authenticated user,
     * as in the Servlet specification.
     *
     * @param io the server whose connections are checked
     * @param roles role names, at least one
     * @return the check
     * @throws IllegalArgumentException if no role is named, or a name is blank
     */
    public static Roles allowed(Server io, String... roles) {
        if (roles.length == 0) {
            throw new IllegalArgumentException("name at least one role; Roles.denyAll() refuses everyone");
        }
        Set<String> names = new LinkedHashSet<>(Arrays.asList(roles));
        if (names.contains(ANY_AUTHENTICATED)) {
            return authenticated();
        }
        io.declareRoles(roles);
        return new Roles(Kind.ROLES, Collections.unmodifiableSet(names));
    }

    /** @return a check that lets in any user the container authenticated, whatever its roles */
    public static Roles authenticated() {
        return new Roles(Kind.AUTHENTICATED, Set.of());
    }

    /** @return a check that lets nobody in ({@code @DenyAll}) */
    public static Roles denyAll() {
        return new Roles(Kind.NOBODY, Set.of());
    }

    /** The same check with another clock and log, for tests of what is logged and how often. */
    Roles with(LongSupplier nanoTime, System.Logger log) {
        return new Roles(kind, names, nanoTime, log);
    }

    /** @return the roles of which the user needs one; empty for {@link #authenticated()} and {@link #denyAll()} */
    public Set<String> names() {
        return names;
    }

    /**
     * Decides for a handshake.
     *
     * @param handshake the handshake of a socket
     * @return {@code null} if its user may pass, or why not ({@code "not authenticated"},
     *     {@code "not authorized: role admin required"}...)
     */
    public String refusal(Handshake handshake) {
        if (kind == Kind.NOBODY) {
            return refusal;
        }
        if (handshake.principal() == null) {
            return "not authenticated";
        }
        if (kind == Kind.AUTHENTICATED) {
            return null;
        }
        for (String role : names) {
            if (handshake.isUserInRole(role)) {
                return null;
            }
        }
        return refusal;
    }

    /** Refuses the namespace connection of a user who may not pass, with a CONNECT_ERROR saying why. */
    @Override
    public void handle(Socket socket, Next next) {
        String why = refusal(socket.handshake());
        if (why == null) {
            next.proceed();
            return;
        }
        report("refused a connection to " + socket.nsp().name(), socket, why);
        next.fail(new ConnectError(why));
    }

    /**
     * Wraps an event listener so that only users who may pass reach it. A refused event's
     * acknowledgement, if the client asked for one, is {@code {"error": "<why>"}}.
     *
     * @param socket the socket whose events the listener receives
     * @param event the event's name, for the log
     * @param listener the listener
     * @return the guarded listener, to give to {@code socket.on(event, ...)}
     */
    public EventListener guard(Socket socket, String event, EventListener listener) {
        return args -> {
            String why = refusal(socket.handshake());
            if (why == null) {
                listener.call(args);
                return;
            }
            report("refused event \"" + event + "\" in " + socket.nsp().name(), socket, why);
            if (args.length > 0 && args[args.length - 1] instanceof Ack ack) {
                ack.call(Map.of("error", why));
            }
        };
    }

    private void report(String what, Socket socket, String why) {
        Principal user = socket.handshake().principal();
        String line = refusals.admit(what + " (socket " + socket.id() + ", "
                + (user == null ? "nobody logged in" : "user " + user.getName()) + "): " + why);
        if (line != null) {
            log.log(Level.INFO, line);
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NOBODY -> "Roles.denyAll()";
            case AUTHENTICATED -> "Roles.authenticated()";
            case ROLES -> "Roles.allowed(" + String.join(", ", names) + ")";
        };
    }
}
