package io.jakartio.server;

/**
 * Continues or stops a middleware chain; call exactly one of its methods, once, from any
 * thread.
 */
public interface Next {

    /** Lets the connection (or packet) through to the next middleware. */
    void proceed();

    /**
     * Refuses the connection (or packet). For a connection, the client receives a
     * CONNECT_ERROR with the error's message and, for a {@link ConnectError}, its data.
     *
     * @param error why
     */
    void fail(Exception error);
}
