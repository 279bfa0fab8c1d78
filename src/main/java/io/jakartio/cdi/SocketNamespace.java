package io.jakartio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean whose {@link OnConnect}, {@link OnEvent} and {@link OnDisconnect} methods
 * handle a namespace. The bean needs a bean-defining annotation of its own, usually
 * {@code @ApplicationScoped}.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @SocketNamespace("/")
 * public class ChatHandlers {
 *     @Inject Server io;
 *
 *     @OnConnect
 *     void greet(Socket socket) {
 *         socket.broadcast().emit("hi");
 *     }
 *
 *     @OnEvent("chat message")
 *     void chat(String msg) {
 *         io.emit("chat message", msg);
 *     }
 * }
 * }</pre>
 *
 * <p>{@code @RolesAllowed} (Jakarta Annotations) on the class admits to the namespace only users
 * the container authenticated and put in one of the roles; the others' connection fails with a
 * CONNECT_ERROR that says why ({@code "not authenticated"}, {@code "not authorized: role admin
 * required"}). {@code @DenyAll} admits nobody; {@code @DeclareRoles} declares roles that the
 * handlers ask about themselves ({@code handshake.isUserInRole}). Several classes of one
 * namespace: a user must pass each class's check.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @SocketNamespace("/admin")
 * @RolesAllowed("admin")
 * public class AdminHandlers { ... }          // client: socket.on("connect_error", e => e.message)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SocketNamespace {

    /** @return the namespace, {@code "/"} by default */
    String value() default "/";
}
