package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownKeysTest {

    @Test
    void aMisspelledKeyIsFoundAmongSystemPropertiesAndTheEnvironment() {
        List<String> unknown = KnownKeys.unknown(new KnownKeys.Names(
                List.of("jakartio.pingIntervall", "jakartio.pingInterval", "java.version", "jakartio.cors.origin"),
                List.of("JAKARTIO_PINGINTERVAL", "JAKARTIO_PING_INTERVAL", "PATH", "jakartio.cookie.name"),
                List.of("jakartio.cookie.sameSite", "jakartio.cookie.samesite", "org.example.setting")), null);
        assertEquals(List.of("context parameter jakartio.cookie.samesite", "environment variable JAKARTIO_PING_INTERVAL",
                "system property jakartio.cors.origin", "system property jakartio.pingIntervall"), unknown);
    }

    @Test
    void theConfiguredAdaptersOwnKeysAreItsOwn() {
        List<String> properties = List.of("jakartio.redis.uri", "jakartio.redis.channelPrefix");
        List<String> environment = List.of("JAKARTIO_REDIS_URI");
        KnownKeys.Names names = new KnownKeys.Names(properties, environment, List.of("jakartio.redis.db"));
        assertEquals(List.of(), KnownKeys.unknown(names, "redis"));
        assertEquals(List.of("context parameter jakartio.redis.db", "environment variable JAKARTIO_REDIS_URI",
                "system property jakartio.redis.channelPrefix", "system property jakartio.redis.uri"),
                KnownKeys.unknown(names, "memory"));
    }

    @Test
    void theChatApplicationsKeysAreItsOwnAndNotTheLibrarys() {
        KnownKeys.Names names = new KnownKeys.Names(List.of("jakartio.chat.dataSource", "jakartio.chatt.dataSource"),
                List.of("JAKARTIO_CHAT_DATASOURCE"), List.of("jakartio.chat.dataSource"));
        assertEquals(List.of("system property jakartio.chatt.dataSource"), KnownKeys.unknown(names, null));
    }

    @Test
    void theContainersConfigurationChecksTheContextParametersItIsGiven() {
        Map<String, String> params = Map.of("jakartio.pingIntervall", "1000", "jakartio.pingTimeout", "1000");
        SocketIoConfig config = SocketIoConfig.of(params::get, params.keySet());
        assertTrue(config.unknownKeys().contains("context parameter jakartio.pingIntervall"), config.unknownKeys().toString());
        assertFalse(config.unknownKeys().contains("context parameter jakartio.pingTimeout"));
    }
}
