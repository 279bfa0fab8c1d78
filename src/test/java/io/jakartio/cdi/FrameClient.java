package io.jakartio.cdi;

import io.jakartio.engine.RequestSnapshot;
import io.jakartio.engine.WebSocketConnection;
import io.jakartio.engine.WebSocketHandler;
import io.jakartio.server.Server;
import java.security.Principal;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A WebSocket client speaking raw frames to the engine, with no network in between; its upgrade
 * request is a {@link RequestSnapshot}, as the bindings make them, optionally with a login.
 *
 * <pre>{@code
 * FrameClient client = new FrameClient(io, FrameClient.login(io, "alice", Set.of("reader"), "S1"));
 * client.send("40/admin,");
 * assertEquals("44/admin,{\"message\":\"not authorized: role admin required\"}", client.next()... );
 * }</pre>
 */
final class FrameClient implements WebSocketConnection {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final WebSocketHandler handler;

    FrameClient(Server io, RequestSnapshot request) {
        handler = io.engine().openWebSocket(request, this);
    }

    /** @return an upgrade request nobody logged in to, with {@code query} after the Engine.IO parameters */
    static RequestSnapshot request(String query) {
        return RequestSnapshot.builder("GET", "/socket.io/", "EIO=4&transport=websocket&" + query)
                .remoteAddress("127.0.0.1").build();
    }

    /**
     * An upgrade request of a user the container logged in, snapshot as a binding does: the
     * container is asked only about the roles declared to {@code io} at this moment.
     *
     * @param user the user's name
     * @param roles every role the realm gives the user
     * @param httpSessionId the request's HTTP session, or {@code null}
     */
    static RequestSnapshot login(Server io, String user, Set<String> roles, String httpSessionId) {
        Principal principal = () -> user;
        Set<String> granted = io.engine().declaredRoles().stream().filter(roles::contains).collect(Collectors.toSet());
        return RequestSnapshot.builder("GET", "/socket.io/", "EIO=4&transport=websocket")
                .remoteAddress("127.0.0.1").principal(principal).roles(granted).httpSessionId(httpSessionId).build();
    }

    void send(String frame) {
        handler.onText(frame);
    }

    String next() throws InterruptedException {
        String frame = received.poll(5, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame received within 5 s");
        }
        return frame;
    }

    String poll() throws InterruptedException {
        return received.poll(100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void sendText(String text, Consumer<Throwable> onComplete) {
        received.add(text);
        onComplete.accept(null);
    }

    @Override
    public void sendBinary(byte[] data, Consumer<Throwable> onComplete) {
        received.add("<binary " + data.length + ">");
        onComplete.accept(null);
    }

    @Override
    public void close(int code, String reason) {
        received.add("<close " + code + ">");
    }
}
