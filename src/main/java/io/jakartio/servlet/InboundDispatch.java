package io.jakartio.servlet;

import io.jakartio.engine.WebSocketConnection;
import io.jakartio.engine.WebSocketHandler;
import io.jakartio.websocket.WebSocketProtocol;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * What a native WebSocket received, handed to the application's executor when the container
 * reads on threads that must not block: on WildFly, Undertow reads every connection on one of
 * its few I/O threads (two per core), and a handler that blocks there (a JDBC query, a remote
 * call) would hold up every other connection of that thread. Here a frame read on such a thread
 * runs on the container's {@code ManagedExecutorService} instead, so a blocked handler holds one
 * of the executor's threads and no other connection.
 *
 * <p>A connection's frames are handled one at a time and in the order they arrived, as on a
 * reading thread. A frame read on one of the application's own threads (Tomcat's and Payara's
 * workers, and WildFly's in the JSR-356 mode) with nothing of its connection waiting is handled in
 * place, as without this class.
 *
 * <p>Frames wait in memory while a handler blocks. A client that sends more than
 * {@code maxWaitingBytes} meanwhile (each frame counted at least {@value #FRAME_OVERHEAD} bytes,
 * its cost in memory) is disconnected with 1008, what waits is dropped, and the frame being
 * handled completes: one client's flood cannot fill the server's memory.
 *
 * <pre>{@code
 * WebSocketHandler handler = engine.openVerifiedWebSocket(request, session);
 * if (executor != null) {
 *     handler = new InboundDispatch(handler, session, executor, application::isCurrent, 4 * maxHttpBufferSize);
 * }
 * }</pre>
 */
final class InboundDispatch implements WebSocketHandler, Runnable {

    private static final System.Logger LOG = System.getLogger(InboundDispatch.class.getName());
    /** The least a waiting frame is counted: a string or array, a task, a place in the queue. */
    static final int FRAME_OVERHEAD = 64;

    private final WebSocketHandler handler;
    private final WebSocketConnection connection;
    private final Executor executor;
    private final BooleanSupplier onApplicationThread;
    private final long maxWaitingBytes;
    /**
     * Guarded by {@code this}: what waits its turn (made when first needed: a connection whose
     * frames are all handled in place never has one), and whether a task of the executor's has
     * the connection.
     */
    private ArrayDeque<Waiting> waiting;
    private long waitingBytes;
    private boolean scheduled;

    /**
     * @param handler the engine's handler of the connection
     * @param connection the connection, closed when too much waits
     * @param executor where frames read on a foreign thread are handled
     * @param onApplicationThread whether the calling thread is one of the application's
     * @param maxWaitingBytes how much may wait before the client is disconnected
     */
    InboundDispatch(WebSocketHandler handler, WebSocketConnection connection, Executor executor,
            BooleanSupplier onApplicationThread, long maxWaitingBytes) {
        this.handler = handler;
        this.connection = connection;
        this.executor = executor;
        this.onApplicationThread = onApplicationThread;
        this.maxWaitingBytes = maxWaitingBytes;
    }

    @Override
    public void onText(String frame) {
        if (inPlace()) {
            handler.onText(frame);
        } else {
            enqueue(() -> handler.onText(frame), frame.length());
        }
    }

    @Override
    public void onBinary(byte[] frame) {
        if (inPlace()) {
            handler.onBinary(frame);
        } else {
            enqueue(() -> handler.onBinary(frame), frame.length);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (inPlace()) {
            handler.onError(error);
        } else {
            enqueue(() -> handler.onError(error), 0);
        }
    }

    @Override
    public void onClose() {
        if (inPlace()) {
            handler.onClose();
        } else {
            enqueue(handler::onClose, 0);
        }
    }

    /** @return whether to handle now, on this thread: one of the application's, nothing waiting */
    private boolean inPlace() {
        synchronized (this) {
            if (scheduled) {
                return false;
            }
        }
        return onApplicationThread.getAsBoolean();
    }

    private void enqueue(Runnable event, int bytes) {
        boolean start = false;
        boolean overflow = false;
        synchronized (this) {
            long cost = Math.max(bytes, FRAME_OVERHEAD);
            if (waitingBytes + cost > maxWaitingBytes && bytes > 0) {
                if (waiting != null) {
                    waiting.clear();
                }
                waitingBytes = 0;
                overflow = true;
            } else {
                if (waiting == null) {
                    waiting = new ArrayDeque<>(4);
                }
                waiting.add(new Waiting(event, cost));
                waitingBytes += cost;
                start = !scheduled;
                scheduled = true;
            }
        }
        if (overflow) {
            overflowed(); // outside the lock: closing may tell this handler at once
        } else if (start) {
            schedule();
        }
    }

    private void overflowed() {
        LOG.log(System.Logger.Level.WARNING, "a WebSocket client sent more than {0} bytes while its handlers were busy;"
                + " it is disconnected", maxWaitingBytes);
        connection.close(WebSocketProtocol.CLOSE_POLICY_VIOLATION, "messages arrive faster than the handlers take them");
    }

    private void schedule() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            run(); // the executor is shutting down with the application: handle what waits here
        }
    }

    /** The executor's task: handles what waits, in order, then gives the connection back. */
    @Override
    public void run() {
        while (true) {
            Waiting next;
            synchronized (this) {
                next = waiting == null ? null : waiting.poll();
                if (next == null) {
                    scheduled = false;
                    return;
                }
                waitingBytes -= next.cost();
            }
            try {
                next.event().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "handling a WebSocket frame failed", e);
            }
        }
    }

    /** A frame (or the end) waiting its turn, and what it counts against the limit. */
    private record Waiting(Runnable event, long cost) {
    }
}
