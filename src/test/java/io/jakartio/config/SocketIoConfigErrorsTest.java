package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad value fails the deployment with the key, the value and where it was found. */
class SocketIoConfigErrorsTest {

    private static IllegalArgumentException failure(Map<String, String> environment) {
        return assertThrows(IllegalArgumentException.class,
                () -> new SocketIoConfig(k -> null, environment::get, k -> null).toBuilder().build());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '¦', quoteCharacter = '"', textBlock = """
            pingInterval                ¦ soon          ¦ expected milliseconds (a whole number)
            pingTimeout                 ¦ 1.5           ¦ expected milliseconds (a whole number)
            upgradeTimeout              ¦ -10           ¦ must be a positive number of milliseconds
            pollingCloseTimeout         ¦ 0             ¦ must be a positive number of milliseconds
            closeTimeout                ¦ -1            ¦ must be a positive number of milliseconds
            connectTimeout              ¦ 99999999999999999999 ¦ expected milliseconds (a whole number)
            maxHttpBufferSize           ¦ 0             ¦ must be between 1 and 9223372036854775807
            maxBufferedPackets          ¦ lots          ¦ not a number
            maxBufferedPackets          ¦ 3000000000    ¦ must be between 1 and 2147483647
            writeLanes                  ¦ -1            ¦ must be between 0 and 2147483647
            maxAttachments              ¦ -1            ¦ must be between 0 and 2147483647
            parser                      ¦ json          ¦ unknown parser (default, msgpack)
            allowUpgrades               ¦ yes           ¦ expected true or false
            cleanupEmptyChildNamespaces ¦ 1             ¦ expected true or false
            transports                  ¦ polling,carrier-pigeon ¦ unknown transport 'carrier-pigeon' (polling, websocket)
            transports                  ¦ " , "         ¦ enable at least one transport
            cors.origins                ¦ chat.example.com ¦ not an origin (scheme://host[:port], * for any part of a host or port): chat.example.com
            cors.origins                ¦ https://chat.example.com/ ¦ origins have no trailing slash: https://chat.example.com/
            cookie                      ¦ on            ¦ expected true or false
            cookie.name                 ¦ my cookie     ¦ cookie name must be a token (letters, digits, !#$%&'*+-.^_`|~): my cookie
            cookie.path                 ¦ chat          ¦ cookie path must start with '/' and hold no ';' or control characters: chat
            cookie.sameSite             ¦ sometimes     ¦ cookie sameSite must be Strict, Lax or None: sometimes
            cookie.maxAge               ¦ 500           ¦ cookie maxAge must be at least one second (null for a session cookie): PT0.5S
            connectionStateRecovery     ¦ maybe         ¦ expected true or false
            connectionStateRecovery.maxDisconnectionDuration ¦ never ¦ expected milliseconds (a whole number)
            connectionStateRecovery.skipMiddlewares ¦ no ¦ expected true or false
            """)
    void aBadValueNamesTheKeyTheValueAndItsSource(String key, String value, String problem) {
        String variable = ConfigSources.environmentName("jakartio." + key);
        IllegalArgumentException e = failure(Map.of(variable, value));
        assertEquals("jakartio." + key + ": " + problem + ": " + value.trim() + " (environment variable " + variable + ")",
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cors.credentials, true", "cors.maxAge, 1000", "cors.allowedHeaders, X-Token"})
    void aCorsPartWithoutOriginsIsAnErrorRatherThanIgnored(String key, String value) {
        IllegalArgumentException e = failure(Map.of(ConfigSources.environmentName("jakartio." + key), value));
        assertEquals("jakartio." + key + ": CORS is off: set jakartio.cors.origins too: " + value
                + " (environment variable " + ConfigSources.environmentName("jakartio." + key) + ")", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"nats", "Memory"})
    void anUnknownAdapterListsTheKnownOnes(String name) {
        IllegalArgumentException e = failure(Map.of("JAKARTIO_ADAPTER", name));
        assertEquals("jakartio.adapter: unknown adapter '" + name + "'; known: labelled, memory, redis, redis-streams (an adapter's jar "
                + "lists its provider in META-INF/services/io.jakartio.adapter.AdapterProvider) "
                + "(environment variable JAKARTIO_ADAPTER)", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"websocket", "websocketBufferSize"})
    void theBindingsKeysNameThemselvesToo(String key) {
        Map<String, String> env = new HashMap<>(Map.of("JAKARTIO_WEBSOCKET", "netty", "JAKARTIO_WEBSOCKETBUFFERSIZE", "-1"));
        SocketIoConfig config = new SocketIoConfig(k -> null, env::get, k -> null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            if (key.equals("websocket")) {
                config.websocketModeSetting();
            } else {
                config.websocketBufferSizeSetting();
            }
        });
        String expected = key.equals("websocket")
                ? "jakartio.websocket: expected native or jsr356: netty (environment variable JAKARTIO_WEBSOCKET)"
                : "jakartio.websocketBufferSize: must be between 0 and 2147483647: -1 "
                        + "(environment variable JAKARTIO_WEBSOCKETBUFFERSIZE)";
        assertEquals(expected, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jakartio.labelled.label"})
    void anAdapterProvidersOwnErrorNamesItsOwnKey(String missing) {
        IllegalArgumentException e = failure(Map.of("JAKARTIO_ADAPTER", "labelled"));
        assertEquals(missing + ": required with jakartio.adapter=labelled", e.getMessage());
    }
}
