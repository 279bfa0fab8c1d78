package io.jakartio.config;

import io.jakartio.config.WebSocketMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jakartio.engine.TransportType;
import io.jakartio.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SocketIoConfigTest {

    private static ServerOptions read(Map<String, String> props, Map<String, String> env, Map<String, String> params) {
        return new SocketIoConfig(props::get, env::get, params::get).toBuilder().build();
    }

    @Test
    void withNothingConfiguredEverySettingHasTheReferenceDefault() {
        ServerOptions options = read(Map.of(), Map.of(), Map.of());
        assertEquals(Duration.ofSeconds(25), options.engine().pingInterval());
        assertEquals(Duration.ofSeconds(20), options.engine().pingTimeout());
        assertEquals(1_000_000, options.engine().maxHttpBufferSize());
        assertEquals(Set.of(TransportType.POLLING, TransportType.WEBSOCKET), options.engine().transports());
        assertNull(options.engine().cors(), "CORS is off unless configured");
        assertEquals(Duration.ofSeconds(45), options.connectTimeout());
        assertEquals("/socket.io/", options.path());
        assertEquals(Runtime.getRuntime().availableProcessors(), options.engine().writeLanes());
    }

    @Test
    void writeLanesCanBeTurnedOffForAWritePerPacket() {
        assertEquals(0, read(Map.of("jakartio.writeLanes", "0"), Map.of(), Map.of()).engine().writeLanes());
        assertEquals(3, read(Map.of(), Map.of("JAKARTIO_WRITELANES", "3"), Map.of()).engine().writeLanes());
        assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("jakartio.writeLanes", "-1"), Map.of(), Map.of()));
    }

    @Test
    void systemPropertiesWinOverTheEnvironmentWhichWinsOverContextParameters() {
        ServerOptions options = read(
                Map.of("jakartio.pingInterval", "1000"),
                Map.of("JAKARTIO_PINGINTERVAL", "2000", "JAKARTIO_PINGTIMEOUT", "3000"),
                Map.of("jakartio.pingInterval", "4000", "jakartio.pingTimeout", "5000", "jakartio.connectTimeout", "6000"));
        assertEquals(Duration.ofMillis(1000), options.engine().pingInterval());
        assertEquals(Duration.ofMillis(3000), options.engine().pingTimeout());
        assertEquals(Duration.ofMillis(6000), options.connectTimeout());
    }

    @Test
    void corsOriginsAndCredentialsAndTransportsAreLists() {
        ServerOptions options = read(Map.of(), Map.of(), Map.of(
                "jakartio.cors.origins", "https://a.example, https://b.example",
                "jakartio.cors.credentials", "true",
                "jakartio.transports", "websocket",
                "jakartio.allowUpgrades", "false",
                "jakartio.maxHttpBufferSize", "1e5"));
        assertEquals(List.of("https://a.example", "https://b.example"), options.engine().cors().origins());
        assertEquals(true, options.engine().cors().credentials());
        assertEquals(Set.of(TransportType.WEBSOCKET), options.engine().transports());
        assertFalse(options.engine().allowUpgrades());
        assertEquals(100_000, options.engine().maxHttpBufferSize());
    }

    @Test
    void thePathComesFromSystemPropertiesOrTheEnvironmentOnlyAndIsNormalized() {
        assertEquals("/rt/", read(Map.of("jakartio.path", "rt"), Map.of(), Map.of()).path());
        assertEquals("/live/io/", read(Map.of(), Map.of("JAKARTIO_PATH", "/live/io"), Map.of()).path());
        assertEquals("/socket.io/", read(Map.of(), Map.of(), Map.of("jakartio.path", "/ignored/")).path(),
                "the WebSocket endpoint is deployed before context parameters exist");
    }

    @Test
    void aBadValueNamesTheKeyThatHoldsIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("jakartio.pingTimeout", "soon"), Map.of(), Map.of()));
        assertEquals("jakartio.pingTimeout: not a number: soon", e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("jakartio.transports", "polling,carrier-pigeon"), Map.of(), Map.of()));
        assertEquals("jakartio.transports: unknown transport 'carrier-pigeon'", t.getMessage());
    }

    @Test
    void theWebSocketBufferSizeDefaultsTo1024AndZeroKeepsTheContainersDefaults() {
        assertEquals(1024, new SocketIoConfig(k -> null, k -> null, k -> null).websocketBufferSizeSetting());
        assertEquals(0, new SocketIoConfig(Map.of("jakartio.websocketBufferSize", "0")::get, k -> null, k -> null)
                .websocketBufferSizeSetting());
        assertEquals(4096, new SocketIoConfig(k -> null, k -> null, Map.of("jakartio.websocketBufferSize", "4096")::get)
                .websocketBufferSizeSetting());
        assertThrows(IllegalArgumentException.class,
                () -> new SocketIoConfig(k -> null, Map.of("JAKARTIO_WEBSOCKETBUFFERSIZE", "-1")::get, k -> null)
                        .websocketBufferSizeSetting());
    }

    @Test
    void theWebSocketImplementationIsNativeUnlessJsr356IsAskedForBeforeDeployment() {
        assertEquals(WebSocketMode.NATIVE, new SocketIoConfig(k -> null, k -> null, k -> null).websocketModeSetting());
        assertEquals(WebSocketMode.JSR356, new SocketIoConfig(Map.of("jakartio.websocket", "jsr356")::get, k -> null,
                k -> null).websocketModeSetting());
        assertEquals(WebSocketMode.JSR356, new SocketIoConfig(k -> null, Map.of("JAKARTIO_WEBSOCKET", "JSR356")::get,
                k -> null).websocketModeSetting());
        assertEquals(WebSocketMode.NATIVE, new SocketIoConfig(k -> null, k -> null,
                Map.of("jakartio.websocket", "jsr356")::get).websocketModeSetting(),
                "the endpoint is deployed before context parameters exist");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSocketMode.parse("netty"));
        assertEquals("jakartio.websocket: expected native or jsr356, got netty", e.getMessage());
    }
}
