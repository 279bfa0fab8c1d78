package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {

    @Test
    void defaultsMatchTheReferenceServer() {
        EngineOptions options = EngineOptions.defaults();

        assertEquals(Duration.ofSeconds(25), options.pingInterval());
        assertEquals(Duration.ofSeconds(20), options.pingTimeout());
        assertEquals(Duration.ofSeconds(10), options.upgradeTimeout());
        assertEquals(1_000_000, options.maxHttpBufferSize());
        assertEquals(EnumSet.allOf(TransportType.class), options.transports());
        assertTrue(options.allowUpgrades());
        assertNull(options.cors());
        assertEquals(10_000, options.maxBufferedPackets());
        assertEquals(Duration.ofSeconds(30), options.pollingCloseTimeout());
        assertEquals(Duration.ofSeconds(5), options.closeTimeout());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        EngineOptions options = EngineOptions.builder()
                .pingInterval(Duration.ofMillis(1)).pingTimeout(Duration.ofMillis(2))
                .upgradeTimeout(Duration.ofMillis(3)).maxHttpBufferSize(4)
                .transports(Set.of(TransportType.WEBSOCKET)).allowUpgrades(false)
                .cors(CorsOptions.allowOrigins("*")).maxBufferedPackets(5)
                .pollingCloseTimeout(Duration.ofMillis(6)).closeTimeout(Duration.ofMillis(7)).build();

        assertEquals(options, options.toBuilder().build());
        assertFalse(options.allows(TransportType.POLLING));
        assertFalse(options.allows(null));
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.builder().pingInterval(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.builder().pingTimeout(Duration.ofSeconds(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.builder().upgradeTimeout(null).build());
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.builder().maxHttpBufferSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.builder().closeTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.builder().maxBufferedPackets(0).build());
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.builder().transports(Set.of()).build());
        assertThrows(NullPointerException.class, () -> EngineOptions.builder().allowRequest(null).build());
    }

    @Test
    void errorsUseTheReferenceCodesAndStatuses() {
        assertEquals(0, EngineError.UNKNOWN_TRANSPORT.code());
        assertEquals(5, EngineError.UNSUPPORTED_PROTOCOL_VERSION.code());
        assertEquals(403, EngineError.FORBIDDEN.httpStatus());
        assertEquals(400, EngineError.BAD_REQUEST.httpStatus());
        assertEquals("ping timeout", CloseReason.PING_TIMEOUT.wireName());
        assertEquals(TransportType.WEBSOCKET, TransportType.fromWireName("websocket"));
        assertNull(TransportType.fromWireName("flashsocket"));
    }
}
