package io.jakartio.server;

import io.jakartio.engine.TransportError;
import java.util.List;

/**
 * The listener half of a {@link Socket}'s API, as Node's {@code Socket} is an event emitter:
 * listeners of the client's events and of the local ones ({@code "disconnecting"},
 * {@code "disconnect"}, {@code "error"}), catch-all listeners of incoming and outgoing events, and
 * the rest of Node's listener API (once, prepend, list, remove all). Every method returns the
 * socket, for chaining.
 *
 * <pre>{@code
 * socket.on("chat message", args -> io.emit("chat message", args[0]))
 *       .onAny((event, args) -> log.fine(event))
 *       .once("disconnect", args -> log.info("left: " + args[0]));
 * }</pre>
 *
 * <p>The listeners themselves are this object's fields ({@code Listeners}, its package-private
 * superclass), not an object of their own: sockets are kept by the thousand.
 */
public abstract sealed class SocketListeners extends Listeners permits Socket {

    SocketListeners() {
    }

    private Socket self() {
        return (Socket) this;
    }

    /**
     * Listens to an event from the client, or to the local events {@code "disconnecting"},
     * {@code "disconnect"} (arguments: a {@link DisconnectReason}, then a description: the
     * {@link TransportError} for {@link DisconnectReason#TRANSPORT_ERROR}, else {@code null})
     * and {@code "error"}.
     *
     * @param event the event name
     * @param listener the listener
     * @return this socket
     */
    public Socket on(String event, EventListener listener) {
        addListener(event, listener);
        return self();
    }

    /**
     * Stops a listener.
     *
     * @param event the event name
     * @param listener the listener given to {@link #on} or {@link #once}
     * @return this socket
     */
    public Socket off(String event, EventListener listener) {
        removeListener(event, listener);
        return self();
    }

    /**
     * Listens to every incoming event.
     *
     * @param listener receives the event name and arguments
     * @return this socket
     */
    public Socket onAny(AnyListener listener) {
        catchAll().append(listener);
        return self();
    }

    /** @param listener a listener given to {@link #onAny} @return this socket */
    public Socket offAny(AnyListener listener) {
        catchAll().remove(listener);
        return self();
    }

    /**
     * Listens to every event emitted to this socket's client.
     *
     * @param listener receives the event name and arguments
     * @return this socket
     */
    public Socket onAnyOutgoing(AnyListener listener) {
        catchAllOutgoing().append(listener);
        return self();
    }

    /** @param listener a listener given to {@link #onAnyOutgoing} @return this socket */
    public Socket offAnyOutgoing(AnyListener listener) {
        catchAllOutgoing().remove(listener);
        return self();
    }

    // ---- the rest of Node's listener API (once, prepend, list, remove all) ----

    /**
     * Listens to the next occurrence of an event only: the listener is removed before it is
     * called. {@link #off} with the same listener removes it before then.
     *
     * <pre>{@code
     * socket.once("ready", args -> socket.emit("welcome"));
     * }</pre>
     *
     * @param event the event name
     * @param listener the listener
     * @return this socket
     */
    public Socket once(String event, EventListener listener) {
        addOnceListener(event, listener);
        return self();
    }

    /**
     * Removes every listener of every event (Node's {@code removeAllListeners()}); the
     * catch-all listeners stay.
     *
     * @return this socket
     */
    public Socket removeAllListeners() {
        clearListeners();
        return self();
    }

    /**
     * Removes every listener of one event.
     *
     * @param event the event name
     * @return this socket
     */
    public Socket removeAllListeners(String event) {
        clearListeners(event);
        return self();
    }

    /**
     * @param event the event name
     * @return its listeners in call order, as given to {@link #on} or {@link #once} (a snapshot)
     */
    public List<EventListener> listeners(String event) {
        return listenersFor(event);
    }

    /**
     * Listens to every incoming event, before the catch-all listeners already added.
     *
     * @param listener receives the event name and arguments
     * @return this socket
     */
    public Socket prependAny(AnyListener listener) {
        catchAll().prepend(listener);
        return self();
    }

    /**
     * Removes every incoming catch-all listener (Node's {@code offAny()} without argument).
     *
     * @return this socket
     */
    public Socket offAny() {
        catchAll().clear();
        return self();
    }

    /** @return the incoming catch-all listeners, in call order (a snapshot) */
    public List<AnyListener> listenersAny() {
        return catchAll().list();
    }

    /**
     * Listens to every outgoing event, before the outgoing catch-all listeners already added.
     *
     * @param listener receives the event name and arguments
     * @return this socket
     */
    public Socket prependAnyOutgoing(AnyListener listener) {
        catchAllOutgoing().prepend(listener);
        return self();
    }

    /**
     * Removes every outgoing catch-all listener (Node's {@code offAnyOutgoing()} without argument).
     *
     * @return this socket
     */
    public Socket offAnyOutgoing() {
        catchAllOutgoing().clear();
        return self();
    }

    /** @return the outgoing catch-all listeners, in call order (a snapshot) */
    public List<AnyListener> listenersAnyOutgoing() {
        return catchAllOutgoing().list();
    }
}
