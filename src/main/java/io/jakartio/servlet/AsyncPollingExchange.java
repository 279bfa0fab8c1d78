package io.jakartio.servlet;

import io.jakartio.engine.HttpResponse;
import io.jakartio.engine.PollingExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link PollingExchange} over a servlet {@link AsyncContext}: the request stays open until the
 * engine responds. The (small) response is put into the response's buffer by the thread that
 * responds; completing the request sends it, on a container thread.
 */
final class AsyncPollingExchange implements PollingExchange, AsyncListener {

    private final AsyncContext async;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Runnable onAbort;
    /** The thread in the servlet's {@code service} for this request, until it returns. */
    private volatile Thread serviceThread = Thread.currentThread();

    AsyncPollingExchange(AsyncContext async, long timeoutMillis) {
        this.async = async;
        async.setTimeout(timeoutMillis);
        async.addListener(this);
    }

    /** The servlet's {@code service} returned: a response from now on is another thread's. */
    void serviceReturned() {
        serviceThread = null;
    }

    @Override
    public void respond(HttpResponse response) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        HttpServletResponse http;
        try {
            http = (HttpServletResponse) async.getResponse();
        } catch (IllegalStateException completed) {
            return; // the container completed the request (it stopped): no one left to answer
        }
        http.setStatus(response.status());
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            WebSocketUpgrade.setHeader(http, header.getKey(), header.getValue());
        }
        byte[] body = response.body();
        http.setContentLength(body.length);
        try {
            // Into the response's buffer only: complete() hands the request back to a container
            // thread, which sends the response. A broadcast answering many GETs thus writes none
            // of them to the network itself; the container's threads do, in parallel.
            http.getOutputStream().write(body);
            if (serviceThread == Thread.currentThread()) {
                // Answered within the request's own service (a POST's "ok"): sent now, not when
                // service returns, so that a GET the engine answers next (with what the POST's
                // packets made the handler send) cannot overtake it on the wire.
                http.flushBuffer();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away; nothing else to do
        }
        complete();
    }

    @Override
    public void onAbort(Runnable action) {
        this.onAbort = action;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // nothing to do
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        abort();
        complete();
    }

    @Override
    public void onError(AsyncEvent event) {
        abort();
        complete();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-dispatched
    }

    private void abort() {
        if (done.compareAndSet(false, true)) {
            Runnable action = onAbort;
            if (action != null) {
                action.run();
            }
        }
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // the container completed it (error path)
        }
    }
}
