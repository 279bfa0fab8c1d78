package io.jakartio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles an event of the namespace of the enclosing {@link SocketNamespace} bean.
 *
 * <p>Parameters of type {@code Socket}, {@code Namespace}, {@code Server}, {@code Handshake}
 * and {@code Ack} are resolved by type ({@code Ack} is {@code null} when the client asked for no
 * acknowledgement). Every other parameter takes the next event argument, converted to the
 * parameter's type with JSON-B: strings, numbers, booleans, {@code byte[]}, maps, lists, records
 * and POJOs. A non-void return value is sent as the acknowledgement if the client asked for
 * one (a {@code CompletionStage} once it completes).
 *
 * <pre>{@code
 * record Move(int x, int y) { }
 *
 * @OnEvent("move")
 * boolean move(Socket socket, Move move) {   // client: socket.emit("move", {x: 1, y: 2}, ok => ...)
 *     socket.broadcast().emit("moved", socket.id(), move);
 *     return true;
 * }
 * }</pre>
 *
 * <p>{@code @RolesAllowed("admin")} (Jakarta Annotations) on the method lets only users the
 * container put in one of the roles send the event; {@code @PermitAll} / {@code @DenyAll} too,
 * replacing those of the class for this event. A refused event never reaches the method; if the
 * client asked for an acknowledgement, it receives one argument,
 * {@code {"error": "not authorized: role admin required"}} (or {@code "not authenticated"},
 * {@code "not authorized"}), otherwise nothing. See {@link AnnotatedHandlers}.
 *
 * <pre>{@code
 * @OnEvent("ban")
 * @RolesAllowed("moderator")
 * boolean ban(String user) { ... }           // client: socket.emit("ban", "troll", r => r.error ?? "ok")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEvent {

    /** @return the event name, e.g. {@code "chat message"} */
    String value();
}
