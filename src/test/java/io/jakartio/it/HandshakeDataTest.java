package io.jakartio.it;

import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;

/**
 * What the client sends at connection time reaches {@code socket.handshake()}: auth and query,
 * and the client's address, whatever the transport.
 */
class HandshakeDataTest extends ClientScenarios {

    @EverySetup
    void theAuthObjectAndTheQueryParametersArriveInTheHandshake(Setup setup) {
        Map<String, String> auth = Map.of("token", "abc-123", "user", "Zoë & co");
        TestClient client = clients(setup).connect("/", options -> {
            options.auth = auth;
            options.query = "foo=bar&lang=fr";
        });

        Map<?, ?> handshake = assertInstanceOf(Map.class, Json.plain(client.ackFirst("handshake")));

        assertEquals(auth, handshake.get("auth"));
        Map<?, ?> query = assertInstanceOf(Map.class, handshake.get("query"));
        assertEquals("bar", query.get("foo"));
        assertEquals("fr", query.get("lang"));
        assertEquals("4", query.get("EIO"), "the Engine.IO protocol version is in the query too");
        assertEquals("127.0.0.1", handshake.get("address"), "the client's address");
    }

    @EverySetup
    void withoutAuthTheHandshakeHasAnEmptyAuthObject(Setup setup) {
        TestClient client = clients(setup).connect();

        Map<?, ?> handshake = assertInstanceOf(Map.class, Json.plain(client.ackFirst("handshake")));

        assertEquals(map(), handshake.get("auth"));
        assertInstanceOf(Map.class, handshake.get("query"));
    }
}
