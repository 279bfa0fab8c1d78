package io.jakartio.server;

/**
 * Told of each namespace the server creates: Node's {@code io.on("new_namespace", nsp => ...)}.
 * A namespace is new when {@code io.of("/name")} creates it, or when a client's connection
 * creates a child of a dynamic namespace ({@code io.of(Pattern)}); the main namespace {@code "/"}
 * exists before any listener and a parent namespace is not one, as in Node.
 *
 * <pre>{@code
 * io.onNewNamespace(nsp -> nsp.adapter().addListener(roomMetrics));
 * }</pre>
 *
 * <p>Called on the thread that created the namespace, after it is registered and before any
 * socket connects to it; a listener must not block. An exception it throws is logged and
 * reaches neither the caller of {@code io.of} nor the connecting client.
 */
@FunctionalInterface
public interface NamespaceListener {

    /** @param nsp the namespace just created */
    void onNewNamespace(Namespace nsp);
}
