package io.jakartio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when a socket leaves the namespace of the enclosing {@link SocketNamespace} bean.
 * Parameters are resolved by type: {@code Socket}, {@code DisconnectReason}, {@code Namespace},
 * {@code Server}, {@code Handshake}.
 *
 * <pre>{@code
 * @OnDisconnect
 * void left(Socket socket, DisconnectReason reason) {
 *     io.emit("user left", socket.id());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnDisconnect {
}
