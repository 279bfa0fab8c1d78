package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.jakartio.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link Server} on a manual clock, and fake clients that reach it through
 * {@code io.engine().openWebSocket(...)}, with no network. Register it with
 * {@code @RegisterExtension}; after each test it fails on packets a client received and the test
 * did not take, and on contract violations the fakes saw (overlapping sends, sends after close).
 *
 * <pre>{@code
 * @RegisterExtension final SocketIoHarness harness = new SocketIoHarness();
 *
 * Server io = harness.server();
 * io.on("connection", socket -> socket.emit("hello", 1));
 * FakeClient client = harness.open();
 * String id = client.connect();          // sends "40", takes 0{"sid":...}
 * client.expect("2[\"hello\",1]");
 * }</pre>
 */
final class SocketIoHarness implements AfterEachCallback {

    /** The clock of the server: heartbeats, connect timeouts, ack timeouts. */
    final ManualScheduler clock = new ManualScheduler();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<FakeClient> clients = Collections.synchronizedList(new ArrayList<>());
    private ServerOptions options = ServerOptions.defaults();
    private Server server;

    /** Changes the server options; call before the server is first used. */
    SocketIoHarness options(UnaryOperator<ServerOptions.Builder> change) {
        if (server != null) {
            throw new IllegalStateException("the server already started");
        }
        options = change.apply(options.toBuilder()).build();
        return this;
    }

    /** @return the server, created on first use */
    Server server() {
        if (server == null) {
            server = new Server(options, clock);
        }
        return server;
    }

    /** @return a client with an open Engine.IO session and no namespace yet */
    FakeClient open() {
        return open(TestRequest.webSocket());
    }

    /** @return a client whose WebSocket upgrade request is {@code request} */
    FakeClient open(TestRequest.Builder request) {
        FakeClient client = new FakeClient("client" + (clients.size() + 1), violations);
        clients.add(client);
        client.bind(server().engine().openWebSocket(request.build(), client));
        assertNotNull(client.engineSid(), "the engine sent no OPEN frame");
        return client;
    }

    /** @return a client connected to the main namespace (its CONNECT reply taken) */
    FakeClient connect() {
        FakeClient client = open();
        client.connect();
        return client;
    }

    /**
     * @param socketId an id returned by {@link FakeClient#connect()}
     * @return the server's socket of the main namespace
     */
    Socket socket(String socketId) {
        return socket("/", socketId);
    }

    /**
     * @param nsp the namespace
     * @param socketId an id returned by {@link FakeClient#connect(String)}
     * @return the server's socket
     */
    Socket socket(String nsp, String socketId) {
        Socket socket = server().of(nsp).sockets().get(socketId);
        assertNotNull(socket, "no socket " + socketId + " in " + nsp);
        return socket;
    }

    /**
     * @param includeUnasserted whether packets received and not taken count as problems
     * @return the contract violations the fakes saw, and the packets not taken
     */
    List<String> problems(boolean includeUnasserted) {
        List<String> problems = new ArrayList<>(violations);
        if (includeUnasserted) {
            synchronized (clients) {
                for (FakeClient client : clients) {
                    String unasserted = client.unasserted();
                    if (unasserted != null) {
                        problems.add(unasserted);
                    }
                }
            }
        }
        return problems;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // Unasserted packets of a test that failed anyway would only add noise.
        List<String> problems = problems(context.getExecutionException().isEmpty());
        if (server != null) {
            server.close();
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }
}
