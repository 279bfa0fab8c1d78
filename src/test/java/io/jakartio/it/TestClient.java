package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.socket.client.Ack;
import io.socket.client.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One official Java client socket (one namespace) with its lifecycle recorded: {@code connect},
 * {@code connect_error} and every {@code disconnect} reason.
 */
final class TestClient {

    private final Socket socket;
    private final String namespace;
    private final EngineProbe engine;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Object> connectError = new CompletableFuture<>();
    private final Events disconnects;
    private final Events connects;
    private final Events closeFrames;
    private final Events httpResponses;

    /**
     * @param closeFrames where the client's WebSocket factory records Close frames, or {@code null}
     * @param httpResponses where the client's HTTP client records responses, or {@code null}
     */
    TestClient(Socket socket, String namespace, EngineProbe engine, Events closeFrames, Events httpResponses) {
        this.socket = socket;
        this.namespace = namespace;
        this.engine = engine;
        this.closeFrames = closeFrames;
        this.httpResponses = httpResponses;
        this.disconnects = new Events("\"disconnect\" on " + namespace);
        this.connects = new Events("\"connect\" on " + namespace);
        socket.on(Socket.EVENT_CONNECT, args -> {
            connects.add(args);
            connected.complete(null);
        });
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectError.complete(args.length > 0 ? args[0] : null));
        socket.on(Socket.EVENT_DISCONNECT, disconnects::add);
    }

    Socket socket() {
        return socket;
    }

    EngineProbe engine() {
        return engine;
    }

    /** Starts connecting. */
    TestClient open() {
        socket.connect();
        return this;
    }

    /** Waits for {@code connect}; fails on {@code connect_error}. */
    TestClient awaitConnected() {
        Object outcome = await(CompletableFuture.anyOf(connected, connectError), "connection to " + namespace);
        if (!connected.isDone()) {
            fail("connect_error on " + namespace + ": " + outcome,
                    outcome instanceof Throwable error && error.getCause() != null ? error.getCause() : null);
        }
        return this;
    }

    /** Waits for {@code connect_error} (fails on {@code connect}) and returns its payload. */
    Object awaitConnectError() {
        await(CompletableFuture.anyOf(connected, connectError), "connect_error on " + namespace);
        if (connected.isDone()) {
            fail("connected to " + namespace + " although the connection should be refused");
        }
        return connectError.join();
    }

    /** @return the {@code disconnect} reasons */
    Events disconnects() {
        return disconnects;
    }

    /**
     * @return the WebSocket Close frames ({@code [code, reason]}) the server sent to this
     *     client's own Manager
     */
    Events closeFrames() {
        if (closeFrames == null) {
            throw new IllegalStateException("close frames are only watched on clients with their own Manager");
        }
        return closeFrames;
    }

    /**
     * @return the polling requests' responses ({@code [method, status]}) of this client's own
     *     Manager
     */
    Events httpResponses() {
        if (httpResponses == null) {
            throw new IllegalStateException("HTTP responses are only watched on clients with their own Manager");
        }
        return httpResponses;
    }

    /** @return the {@code connect} events (one per (re)connection) */
    Events connects() {
        return connects;
    }

    /** @return the Socket.IO socket id, {@code null} while disconnected */
    String id() {
        return socket.id();
    }

    boolean connected() {
        return socket.connected();
    }

    /** Records every occurrence of {@code event} from now on. */
    Events record(String event) {
        Events events = new Events("\"" + event + "\" on " + namespace);
        socket.on(event, events::add);
        return events;
    }

    /** Emits without an acknowledgement. */
    void emit(String event, Object... args) {
        socket.emit(event, args, null);
    }

    /** Emits with an acknowledgement and waits for ALL its arguments. */
    Object[] ack(String event, Object... args) {
        CompletableFuture<Object[]> response = new CompletableFuture<>();
        socket.emit(event, args, (Ack) response::complete);
        return await(response, "the ack of \"" + event + "\"");
    }

    /** Emits with an acknowledgement and returns its first argument. */
    Object ackFirst(String event, Object... args) {
        Object[] response = ack(event, args);
        if (response.length == 0) {
            fail("the ack of \"" + event + "\" has no arguments");
        }
        return response[0];
    }

    /** Disconnects (no-op if already disconnected). */
    void close() {
        socket.disconnect();
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("timed out after " + Events.WAIT.toMillis() + " ms waiting for " + what);
        } catch (ExecutionException e) {
            return fail(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + what);
        }
    }
}
