package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import okhttp3.Response;

/**
 * Creates official Java clients for one {@link Setup} and disconnects all of them in
 * {@link #close()}. Every client gets its own Manager ({@code forceNew}) without reconnection,
 * unless a test says otherwise.
 */
final class Clients implements AutoCloseable {

    private final Setup setup;
    private final Deployments deployments;
    private final List<TestClient> created = new CopyOnWriteArrayList<>();

    Clients(Setup setup, Deployments deployments) {
        this.setup = setup;
        this.deployments = deployments;
    }

    /** @return the options every client of this setup starts from */
    IO.Options options() {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = setup.transports();
        options.callFactory = deployments.http();
        options.webSocketFactory = deployments.http();
        return options;
    }

    /** A new client on {@code namespace}, not yet connecting. */
    TestClient create(String namespace, Consumer<IO.Options> customize) {
        IO.Options options = options();
        customize.accept(options);
        Events closeFrames = new Events("WebSocket Close frame from the server on " + namespace);
        options.webSocketFactory = new WatchedWebSockets(options.webSocketFactory, closeFrames);
        Events httpResponses = new Events("HTTP response on " + namespace);
        options.callFactory = deployments.http().newBuilder()
                .addInterceptor(chain -> {
                    Response response = chain.proceed(chain.request());
                    httpResponses.add(chain.request().method(), response.code());
                    return response;
                })
                .build();
        Socket socket = IO.socket(URI.create(deployments.url(setup) + namespace), options);
        TestClient client = new TestClient(socket, namespace, new EngineProbe(socket.io()), closeFrames, httpResponses);
        created.add(client);
        return client;
    }

    /** A connected client on the main namespace (upgraded, in the default setup). */
    TestClient connect() {
        return connect("/", options -> { });
    }

    /** A connected client on {@code namespace} (upgraded, in the default setup). */
    TestClient connect(String namespace) {
        return connect(namespace, options -> { });
    }

    /** A connected client on {@code namespace} with customized options (upgraded, in the default setup). */
    TestClient connect(String namespace, Consumer<IO.Options> customize) {
        return settle(create(namespace, customize).open());
    }

    /** {@code count} connected clients on the main namespace, connecting in parallel. */
    List<TestClient> connectMany(int count) {
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(create("/", options -> { }).open());
        }
        clients.forEach(this::settle);
        return clients;
    }

    /**
     * A Manager to multiplex namespaces over one connection (which opens with its first
     * socket), with the probe watching its engine.
     */
    EngineProbe manager() {
        return new EngineProbe(new Manager(URI.create(deployments.url(setup)), options()));
    }

    /**
     * A socket for {@code namespace} on a shared manager, not yet connecting.
     *
     * @param socketOptions the socket's own options (its {@code auth}), or {@code null}
     */
    TestClient socketOn(EngineProbe probe, String namespace, Manager.Options socketOptions) {
        Manager manager = probe.manager();
        Socket socket = socketOptions == null ? manager.socket(namespace) : manager.socket(namespace, socketOptions);
        TestClient client = new TestClient(socket, namespace, probe, null, null);
        created.add(client);
        return client;
    }

    /** Waits until {@code client} is connected and, in the default setup, upgraded to WebSocket. */
    TestClient settle(TestClient client) {
        client.awaitConnected();
        if (setup.upgrades() && !"websocket".equals(client.engine().transport())) {
            assertEquals("websocket", client.engine().awaitUpgrade(), "transport after the upgrade");
        }
        return client;
    }

    @Override
    public void close() {
        for (TestClient client : created) {
            client.close();
        }
        created.clear();
    }
}
