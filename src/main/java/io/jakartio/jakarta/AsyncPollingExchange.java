package io.jakartio.jakarta;

import io.jakartio.engine.HttpResponse;
import io.jakartio.engine.PollingExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link PollingExchange} over a servlet {@link AsyncContext}: the request stays open until the
 * engine responds, and the response is written with non-blocking I/O, so the thread that emits a
 * packet never waits on a slow polling client.
 */
final class AsyncPollingExchange implements PollingExchange, AsyncListener {

    private final AsyncContext async;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Runnable onAbort;

    AsyncPollingExchange(AsyncContext async, long timeoutMillis) {
        this.async = async;
        async.setTimeout(timeoutMillis);
        async.addListener(this);
    }

    @Override
    public void respond(HttpResponse response) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        HttpServletResponse http = (HttpServletResponse) async.getResponse();
        http.setStatus(response.status());
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            http.setHeader(header.getKey(), header.getValue());
        }
        byte[] body = response.body();
        http.setContentLength(body.length);
        try {
            ServletOutputStream out = http.getOutputStream();
            out.write(body);
            out.flush();
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

    /** Writes the body once the container says the stream is ready, then completes. */
    private final class BodyWriter implements WriteListener {
        private final ServletOutputStream out;
        private final byte[] body;
        private boolean written;

        BodyWriter(ServletOutputStream out, byte[] body) {
            this.out = out;
            this.body = body;
        }

        @Override
        public void onWritePossible() throws IOException {
            if (!written) {
                written = true;
                out.write(body);
            }
            if (out.isReady()) {
                complete();
            }
        }

        @Override
        public void onError(Throwable t) {
            complete();
        }
    }
}
