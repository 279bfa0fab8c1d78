package io.jakartio.engine;

/**
 * One polling HTTP request awaiting its response. The binding holds the request open (servlet
 * async mode) until the engine calls {@link #respond}; a GET may wait until packets are ready.
 */
public interface PollingExchange {

    /**
     * Sends the response and completes the request. Called exactly once, from any thread.
     *
     * @param response what to send
     */
    void respond(HttpResponse response);

    /**
     * Registers what to do if the client goes away, or the request times out, before
     * {@link #respond} is called. The binding calls it at most once.
     *
     * @param onAbort the engine's reaction (closing the session)
     */
    void onAbort(Runnable onAbort);
}
