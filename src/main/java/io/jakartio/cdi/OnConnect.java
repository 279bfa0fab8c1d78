package io.jakartio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when a socket connects to the namespace of the enclosing {@link SocketNamespace} bean.
 * Parameters are resolved by type: {@code Socket}, {@code Namespace}, {@code Server},
 * {@code Handshake}.
 *
 * <pre>{@code
 * @OnConnect
 * void welcome(Socket socket, Handshake handshake) {
 *     socket.emit("welcome", handshake.query("name"));
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnConnect {
}
