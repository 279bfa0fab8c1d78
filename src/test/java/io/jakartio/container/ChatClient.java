package io.jakartio.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import io.socket.engineio.parser.Packet;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One user of the chat with the official Java client (io.socket:socket.io-client): what the
 * seed's page does, in Java. Records every {@code "chat message"} and {@code "hi"} it receives,
 * and the Engine.IO transports its connection goes through.
 *
 * <pre>{@code
 * try (ChatClient alice = ChatClient.connect("alice", root, ChatClient.Transports.UPGRADE)) {
 *     alice.send("hello");
 *     assertEquals("hello", alice.nextChatMessage());
 * }
 * }</pre>
 */
final class ChatClient implements AutoCloseable {

    /** Upper bound for anything we expect to happen. */
    static final Duration WAIT = Duration.ofSeconds(15);

    /** The transports a client may use, as in the client's {@code transports} option. */
    enum Transports {
        /** The default: HTTP long-polling first, then upgraded to WebSocket. */
        UPGRADE("polling", "websocket"),
        /** WebSocket from the start, no polling at all. */
        WEBSOCKET_ONLY("websocket"),
        /** HTTP long-polling only. */
        POLLING_ONLY("polling");

        private final String[] names;

        Transports(String... names) {
            this.names = names;
        }
    }

    /**
     * The client keeps its Engine.IO socket in the package-private field {@code Manager.engine}
     * (the JavaScript client's public {@code manager.engine}); its {@code upgrade} event is the
     * proof that the connection moved to WebSocket.
     */
    private static final Field ENGINE = engineField();

    private final String name;
    private final Socket socket;
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private final CompletableFuture<String> upgraded = new CompletableFuture<>();
    private final List<String> transportsCreated = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> chatMessages = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> his = new LinkedBlockingQueue<>();
    private final List<String> probeEvents = new CopyOnWriteArrayList<>();

    private ChatClient(String name, URI root, Transports transports) {
        this.name = name;
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(transports.names)
                .build();
        socket = IO.socket(root, options);
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete(socket.id()));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new AssertionError(name + " could not connect: " + (args.length > 0 ? args[0] : ""))));
        socket.on("chat message", args -> chatMessages.add(String.valueOf(args[0])));
        socket.on("hi", args -> his.add("hi"));
        Manager manager = socket.io();
        manager.on(Manager.EVENT_TRANSPORT, args -> {
            Transport transport = (Transport) args[0];
            transportsCreated.add(transport.name);
            if (transportsCreated.size() > 1) {
                // The upgrade's probe: what it got, for failure messages.
                transport.on(Transport.EVENT_OPEN, a -> probeEvents.add("opened"));
                transport.on(Transport.EVENT_PACKET, a -> {
                    Packet<?> packet = (Packet<?>) a[0];
                    probeEvents.add("received " + packet.type + " " + packet.data);
                });
                transport.on(Transport.EVENT_CLOSE, a -> probeEvents.add("closed"));
            } else {
                // The first transport is created before the engine opens it: no upgrade is missed.
                io.socket.engineio.client.Socket engine = engineOf(manager);
                engine.on(io.socket.engineio.client.Socket.EVENT_UPGRADE,
                        a -> upgraded.complete(((Transport) a[0]).name));
                engine.on(io.socket.engineio.client.Socket.EVENT_UPGRADE_ERROR,
                        a -> upgraded.completeExceptionally(new AssertionError(name + ": upgrade failed: " + a[0]
                                + (a[0] instanceof Throwable t && t.getCause() != null ? " (cause: " + t.getCause() + ")" : "")
                                + "; the WebSocket probe " + probeEvents)));
            }
        });
    }

    /**
     * Connects a new client to the main namespace and waits until it is connected.
     *
     * @param name the user's name in failure messages
     * @param root the application's root URL
     * @param transports which transports it may use
     * @return the connected client
     */
    static ChatClient connect(String name, URI root, Transports transports) {
        ChatClient client = new ChatClient(name, root, transports);
        client.socket.connect();
        client.await(client.connected, "connect");
        return client;
    }

    /** @param message sent as the seed's page does: {@code socket.emit("chat message", message)} */
    void send(String message) {
        socket.emit("chat message", message);
    }

    /** @return the next {@code "chat message"} received, waiting up to {@link #WAIT} */
    String nextChatMessage() {
        try {
            String message = chatMessages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return message != null ? message : fail(name + " received no chat message within " + WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /**
     * Waits for {@code count} {@code "hi"} events, then asserts that no other one came.
     *
     * @param count how many users joined after this one
     */
    void assertHisReceived(int count) {
        for (int i = 0; i < count; i++) {
            try {
                if (his.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS) == null) {
                    fail(name + " received " + i + " \"hi\" within " + WAIT + ", expected " + count);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        assertEquals(0, his.size(), () -> name + " received more than " + count + " \"hi\"");
    }

    /** @return the name of the transport the engine upgraded to, waiting up to {@link #WAIT} */
    String awaitUpgrade() {
        return await(upgraded, "upgrade");
    }

    /** @return whether the engine has upgraded its transport */
    boolean hasUpgraded() {
        return upgraded.isDone() && !upgraded.isCompletedExceptionally();
    }

    /** @return the transports the engine created, in order (an upgrade's probe included) */
    List<String> transportsCreated() {
        return List.copyOf(transportsCreated);
    }

    @Override
    public void close() {
        socket.close();
    }

    private String await(CompletableFuture<String> event, String what) {
        try {
            return event.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail(name + ": no " + what + " within " + WAIT + "; transports created: " + transportsCreated
                    + (probeEvents.isEmpty() ? "" : "; the WebSocket probe " + probeEvents));
        } catch (ExecutionException e) {
            return fail(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private static io.socket.engineio.client.Socket engineOf(Manager manager) {
        try {
            return (io.socket.engineio.client.Socket) ENGINE.get(manager);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field engineField() {
        try {
            Field field = Manager.class.getDeclaredField("engine");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this socket.io-client has no Manager.engine field", e);
        }
    }
}
