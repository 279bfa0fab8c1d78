package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.socket.client.IO;
import java.util.function.Consumer;

/**
 * The Engine.IO heartbeat with the Java client, against a server pinging every 250 ms (see
 * {@link Deployments#HEARTBEAT_PATH}): pings are answered, and a connection the server closed is
 * eventually noticed by the client even where it ignores the server's WebSocket Close frame.
 */
class HeartbeatTest extends ClientScenarios {

    private static final Consumer<IO.Options> FAST_HEARTBEAT_SERVER = options -> options.path = Deployments.HEARTBEAT_PATH;

    @EverySetup
    void aClientAnswersTheServersPingsAndStaysConnectedAcrossSeveralHeartbeats(Setup setup) {
        TestClient client = clients(setup).connect("/", FAST_HEARTBEAT_SERVER);

        for (int i = 0; i < 3; i++) {
            client.engine().pings().next();
        }

        client.disconnects().none(args -> true, System.nanoTime());
        assertEquals(client.id(), client.ackFirst("whoami"), "still connected after three heartbeats");
    }

    /**
     * Over polling the server's close reaches the client as a close packet; over WebSocket the
     * Java client never answers the server's Close frame (engine.io-client 2.1.0 has no
     * {@code onClosing}), so only the missing pings tell it, after pingInterval + pingTimeout.
     */
    @EverySetup
    void afterTheServerClosesTheConnectionTheClientSeesADisconnect(Setup setup) {
        TestClient client = clients(setup).connect("/", FAST_HEARTBEAT_SERVER);

        client.emit("drop");

        assertEquals(setup.transport().equals("polling") ? "transport close" : "ping timeout",
                client.disconnects().next()[0]);
    }

    @EverySetup
    void afterTheServerClosesTheConnectionAClientWithReconnectionComesBackWithANewId(Setup setup) {
        TestClient client = clients(setup).connect("/", FAST_HEARTBEAT_SERVER.andThen(options -> {
            options.reconnection = true;
            options.reconnectionDelay = 100;
            options.reconnectionDelayMax = 200;
            options.randomizationFactor = 0;
        }));
        String firstId = client.id();
        client.connects().next(); // the first connection

        client.emit("drop");

        client.disconnects().next();
        client.connects().next(); // the automatic reconnection
        assertNotEquals(firstId, client.id(), "a reconnected socket gets a new id");
        assertEquals(client.id(), client.ackFirst("whoami"));
    }
}
