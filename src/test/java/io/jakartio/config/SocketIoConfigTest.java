package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jakartio.engine.EngineOptions;
import io.jakartio.server.ServerOptions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SocketIoConfigTest {

    private static ServerOptions read(Map<String, String> props, Map<String, String> env, Map<String, String> params) {
        return new SocketIoConfig(props::get, env::get, params::get).toBuilder().build();
    }

    @Test
    void withNothingConfiguredEverySettingIsTheDefault() {
        ServerOptions options = read(Map.of(), Map.of(), Map.of());
        // the default adapter factory is a method reference: compare everything else
        assertEquals(ServerOptions.defaults().toBuilder().adapter(options.adapter()).build(), options);
        assertEquals(EngineOptions.defaults(), options.engine());
    }

    @Test
    void thePathComesFromSystemPropertiesOrTheEnvironmentOnlyAndIsNormalized() {
        assertEquals("/rt/", read(Map.of("jakartio.path", "rt"), Map.of(), Map.of()).path());
        assertEquals("/live/io/", read(Map.of(), Map.of("JAKARTIO_PATH", "/live/io"), Map.of()).path());
        assertEquals("/socket.io/", read(Map.of(), Map.of(), Map.of("jakartio.path", "/ignored/")).path(),
                "the WebSocket endpoint is deployed before context parameters exist");
        assertEquals("/rt/", new SocketIoConfig(Map.of("jakartio.path", "/rt")::get, k -> null, k -> null).pathSetting());
    }

    @Test
    void theWebSocketBufferSizeDefaultsTo1024AndZeroKeepsTheContainersDefaults() {
        assertEquals(1024, new SocketIoConfig(k -> null, k -> null, k -> null).websocketBufferSizeSetting());
        assertEquals(0, new SocketIoConfig(Map.of("jakartio.websocketBufferSize", "0")::get, k -> null, k -> null)
                .websocketBufferSizeSetting());
        assertEquals(2048, new SocketIoConfig(k -> null, Map.of("JAKARTIO_WEBSOCKETBUFFERSIZE", "2048")::get, k -> null)
                .websocketBufferSizeSetting());
        assertEquals(4096, new SocketIoConfig(k -> null, k -> null, Map.of("jakartio.websocketBufferSize", "4096")::get)
                .websocketBufferSizeSetting());
        assertEquals(512, new SocketIoConfig(new ConfigSources(k -> null, k -> null,
                () -> Map.of("jakartio.websocketBufferSize", "512")::get, k -> null), getClass().getClassLoader())
                .websocketBufferSizeSetting());
    }

    @Test
    void theWebSocketImplementationIsNativeUnlessJsr356IsAskedForBeforeDeployment() {
        assertEquals(WebSocketMode.NATIVE, new SocketIoConfig(k -> null, k -> null, k -> null).websocketModeSetting());
        assertEquals(WebSocketMode.JSR356, new SocketIoConfig(Map.of("jakartio.websocket", "jsr356")::get, k -> null,
                k -> null).websocketModeSetting());
        assertEquals(WebSocketMode.JSR356, new SocketIoConfig(k -> null, Map.of("JAKARTIO_WEBSOCKET", "JSR356")::get,
                k -> null).websocketModeSetting());
        assertEquals(WebSocketMode.JSR356, new SocketIoConfig(new ConfigSources(k -> null, k -> null,
                () -> Map.of("jakartio.websocket", "jsr356")::get, k -> null), getClass().getClassLoader())
                .websocketModeSetting());
        assertEquals(WebSocketMode.NATIVE, new SocketIoConfig(k -> null, k -> null,
                Map.of("jakartio.websocket", "jsr356")::get).websocketModeSetting(),
                "the endpoint is deployed before context parameters exist");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSocketMode.parse("netty"));
        assertEquals("jakartio.websocket: expected native or jsr356, got netty", e.getMessage());
    }

    @Test
    void anyKeyCanBeReadWithTheSamePrecedenceForAdaptersAndApplications() {
        SocketIoConfig config = new SocketIoConfig(Map.of("jakartio.redis.uri", "redis://127.0.0.1:6379")::get,
                Map.of("JAKARTIO_REDIS_URI", "redis://elsewhere", "MYAPP_GREETING", "hello")::get, k -> null);
        assertEquals(Optional.of("redis://127.0.0.1:6379"), config.value("jakartio.redis.uri"));
        assertEquals(Optional.of("hello"), config.value("myapp.greeting"));
        assertEquals(Optional.empty(), config.value("jakartio.nothing"));
    }
}
