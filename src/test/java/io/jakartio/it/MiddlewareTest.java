package io.jakartio.it;

import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.socket.client.Manager;
import java.util.Map;

/** The {@code /admin} namespace's token middleware: refusal as {@code connect_error}, and acceptance. */
class MiddlewareTest extends ClientScenarios {

    @EverySetup
    void aWrongTokenIsRefusedWithUnauthorizedAndTheBadTokenData(Setup setup) {
        TestClient admin = clients(setup).create("/admin", options -> options.auth = Map.of("token", "wrong")).open();

        Object error = admin.awaitConnectError();

        assertEquals(map("message", "unauthorized", "data", map("reason", "bad token")), Json.plain(error));
        assertFalse(admin.connected());
    }

    @EverySetup
    void aMissingTokenIsRefusedWithUnauthorizedAndTheBadTokenData(Setup setup) {
        TestClient admin = clients(setup).create("/admin", options -> { }).open();

        Object error = admin.awaitConnectError();

        assertEquals(map("message", "unauthorized", "data", map("reason", "bad token")), Json.plain(error));
        assertFalse(admin.connected());
    }

    @EverySetup
    void theRightTokenIsAcceptedAndWhoamiReturnsTheIdAndTheToken(Setup setup) {
        TestClient admin = clients(setup).connect("/admin", options -> options.auth = Map.of("token", "secret"));

        assertEquals(map("id", admin.id(), "token", "secret"), Json.plain(admin.ackFirst("whoami")));
    }

    @EverySetup
    void aRefusedAdminLeavesTheMainNamespaceOnTheSameManagerWorking(Setup setup) {
        Clients clients = clients(setup);
        EngineProbe connection = clients.manager();
        TestClient main = clients.settle(clients.socketOn(connection, "/", null).open());
        Manager.Options adminOptions = new Manager.Options();
        adminOptions.auth = Map.of("token", "nope");
        TestClient admin = clients.socketOn(connection, "/admin", adminOptions).open();

        Object error = admin.awaitConnectError();

        assertEquals("unauthorized", ((Map<?, ?>) Json.plain(error)).get("message"));
        assertEquals(true, main.connected(), "the main namespace socket stays connected");
        assertEquals(main.id(), main.ackFirst("whoami"));
    }
}
