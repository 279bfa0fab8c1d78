package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownKeysTest {

    @Test
    void aMisspelledKeyIsFoundAmongSystemPropertiesAndTheEnvironment() {
        List<String> unknown = KnownKeys.unknown(
                List.of("jakartio.pingIntervall", "jakartio.pingInterval", "java.version", "jakartio.cors.origin"),
                List.of("JAKARTIO_PINGINTERVAL", "JAKARTIO_PING_INTERVAL", "PATH", "jakartio.cookie.name"),
                null);
        assertEquals(List.of("environment variable JAKARTIO_PING_INTERVAL", "system property jakartio.cors.origin",
                "system property jakartio.pingIntervall"), unknown);
    }

    @Test
    void theConfiguredAdaptersOwnKeysAreItsOwn() {
        List<String> properties = List.of("jakartio.redis.uri", "jakartio.redis.channelPrefix");
        List<String> environment = List.of("JAKARTIO_REDIS_URI");
        assertEquals(List.of(), KnownKeys.unknown(properties, environment, "redis"));
        assertEquals(List.of("environment variable JAKARTIO_REDIS_URI", "system property jakartio.redis.channelPrefix",
                "system property jakartio.redis.uri"), KnownKeys.unknown(properties, environment, "memory"));
    }
}
