package io.jakartio.it;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the integration tests: the official Java client (socket.io-client 2.1.2) against the
 * scenarios fixture in embedded containers. Each test takes a {@link Setup} (see
 * {@link EverySetup}) and creates its clients with {@link #clients(Setup)}; they are all
 * disconnected after the test.
 */
@ExtendWith(Deployments.Resolver.class)
abstract class ClientScenarios {

    private Deployments deployments;
    private final List<Clients> opened = new ArrayList<>();

    @BeforeEach
    void attach(Deployments deployments) {
        this.deployments = deployments;
    }

    @AfterEach
    void disconnectClients() {
        for (Clients clients : opened) {
            clients.close();
        }
        opened.clear();
    }

    /** @return a client factory for {@code setup}, closed after the test */
    Clients clients(Setup setup) {
        Clients clients = new Clients(setup, deployments);
        opened.add(clients);
        return clients;
    }

    /** @return the servers under test */
    Deployments deployments() {
        return deployments;
    }

    /** @return a short random token that makes payloads and room names unique to a test */
    static String uid() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
