package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Connection, identity and transport selection, as the official Java client sees them. */
class ConnectingTest extends ClientScenarios {

    @EverySetup
    void aClientConnectsAndWhoamiReturnsItsOwnSocketIdWhichIsNotTheEngineId(Setup setup) {
        TestClient client = clients(setup).connect();

        assertNotNull(client.id(), "socket id after connect");
        assertEquals(client.id(), client.ackFirst("whoami"), "whoami");
        assertNotNull(client.engine().id(), "engine session id");
        assertNotEquals(client.engine().id(), client.id(), "the socket id must differ from the engine session id");
    }

    @EverySetup
    void eachClientGetsADistinctSocketId(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(3);

        Set<Object> ids = new HashSet<>();
        for (TestClient client : clients) {
            ids.add(client.ackFirst("whoami"));
        }
        assertEquals(3, ids.size(), "distinct ids: " + ids);
    }

    @EverySetup
    void theClientAndTheServerAgreeOnTheTransport(Setup setup) {
        TestClient client = clients(setup).connect();

        assertEquals(setup.transport(), client.engine().transport(), "client-side transport");
        assertEquals(setup.transport(), client.ackFirst("transport"), "server-side transport");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Setup.class, names = {"TOMCAT_DEFAULT", "TOMCAT_JSR356_DEFAULT"})
    void withDefaultOptionsTheClientStartsOnPollingAndUpgradesToWebSocket(Setup setup) {
        TestClient client = clients(setup).create("/", options -> { }).open();

        client.awaitConnected();
        assertEquals("websocket", client.engine().awaitUpgrade(), "transport given by the upgrade event");
        assertEquals("polling", client.engine().transportsCreated().get(0), "first transport");
        assertEquals(List.of("upgrading", "upgrade"), client.engine().upgradeEvents(), "engine events");
        assertEquals("websocket", client.ackFirst("transport"), "server-side transport after the upgrade");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Setup.class, names = {"TOMCAT_DEFAULT", "TOMCAT_JSR356_DEFAULT"}, mode = EnumSource.Mode.EXCLUDE)
    void withOneTransportTheClientNeverUpgrades(Setup setup) throws InterruptedException {
        TestClient client = clients(setup).connect();

        Thread.sleep(Events.GRACE.toMillis()); // proving a negative: no upgrade starts
        assertEquals(List.of(setup.transport()), client.engine().transportsCreated(), "transports created");
        assertTrue(client.engine().upgradeEvents().isEmpty(), "engine events " + client.engine().upgradeEvents());
        assertEquals(setup.transport(), client.ackFirst("transport"), "server-side transport");
    }
}
