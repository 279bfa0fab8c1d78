package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jakartio.adapter.InMemoryAdapter;
import io.jakartio.adapter.SessionAwareAdapter;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.testing.ManualScheduler;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jakartio.connectionStateRecovery=true} is all it takes: with the default adapter, named
 * or not, every namespace keeps the sessions; without the key, nothing changes.
 */
class RecoveryByKeysTest {

    private static Server serverOf(Map<String, String> keys) {
        ServerOptions options = new SocketIoConfig(keys::get, k -> null, k -> null).toBuilder().build();
        return new Server(options, new ManualScheduler());
    }

    @ParameterizedTest(name = "jakartio.adapter={0}")
    @ValueSource(strings = {"(not set)", "memory"})
    void theRecoveryKeyAloneGivesEveryNamespaceTheSessionAwareAdapter(String adapter) {
        Map<String, String> keys = adapter.equals("memory")
                ? Map.of("jakartio.connectionStateRecovery", "true", "jakartio.adapter", "memory")
                : Map.of("jakartio.connectionStateRecovery", "true");
        try (Server io = serverOf(keys)) {
            assertInstanceOf(SessionAwareAdapter.class, io.of("/").adapter());
            assertInstanceOf(SessionAwareAdapter.class, io.of("/chat").adapter());
        }
        try (Server io = serverOf(adapter.equals("memory") ? Map.of("jakartio.adapter", "memory") : Map.of())) {
            assertEquals(InMemoryAdapter.class, io.of("/").adapter().getClass(), "recovery off: as before");
        }
    }
}
