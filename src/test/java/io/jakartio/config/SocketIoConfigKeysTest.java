package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jakartio.adapter.LabelledAdapterProvider.LabelledFactory;
import io.jakartio.engine.CookieOptions;
import io.jakartio.engine.HttpCompressionOptions;
import io.jakartio.engine.PerMessageDeflateOptions;
import io.jakartio.engine.TransportType;
import io.jakartio.parser.Parser;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.ServerOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key of the options, set each way a deployment can: as a system property, an
 * environment variable ({@code JAKARTIO_...}), a MicroProfile Config property and a context
 * parameter. Each case's value differs from the default, so a key that is not read fails.
 */
class SocketIoConfigKeysTest {

    /**
     * @param key the key without {@code jakartio.}
     * @param value its text
     * @param alongside other keys the case needs, set as context parameters
     * @param read what the key sets
     * @param expected the setting it must give
     */
    record Case(String key, String value, Map<String, String> alongside, Function<ServerOptions, Object> read,
            Object expected) {
        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    private static Case key(String key, String value, Function<ServerOptions, Object> read, Object expected) {
        return new Case(key, value, Map.of(), read, expected);
    }

    static Stream<Case> keys() {
        CookieOptions cookie = CookieOptions.defaults();
        ConnectionStateRecovery recovery = ConnectionStateRecovery.defaults();
        Map<String, String> corsOn = Map.of("jakartio.cors.origins", "https://chat.example.com");
        return Stream.of(
                key("pingInterval", "1234", o -> o.engine().pingInterval(), Duration.ofMillis(1234)),
                key("pingTimeout", "2345", o -> o.engine().pingTimeout(), Duration.ofMillis(2345)),
                key("upgradeTimeout", "3456", o -> o.engine().upgradeTimeout(), Duration.ofMillis(3456)),
                key("maxHttpBufferSize", "1e5", o -> o.engine().maxHttpBufferSize(), 100_000L),
                key("transports", "websocket", o -> o.engine().transports(), Set.of(TransportType.WEBSOCKET)),
                key("allowUpgrades", "FALSE", o -> o.engine().allowUpgrades(), false),
                key("maxBufferedPackets", "77", o -> o.engine().maxBufferedPackets(), 77),
                key("pollingCloseTimeout", "4567", o -> o.engine().pollingCloseTimeout(), Duration.ofMillis(4567)),
                key("closeTimeout", "1234", o -> o.engine().closeTimeout(), Duration.ofMillis(1234)),
                key("writeLanes", "0", o -> o.engine().writeLanes(), 0),
                key("initialPacket", "2[\"welcome\"]", o -> o.engine().initialPacket(), "2[\"welcome\"]"),
                key("allowEIO3", "true", o -> o.engine().allowEIO3(), true),
                key("cors.origins", "https://chat.example.com, https://*.example.org",
                        o -> o.engine().cors().origins(), List.of("https://chat.example.com", "https://*.example.org")),
                new Case("cors.credentials", "true", corsOn, o -> o.engine().cors().credentials(), true),
                new Case("cors.allowedHeaders", "Authorization, X-Token", corsOn,
                        o -> o.engine().cors().allowedHeaders(), List.of("Authorization", "X-Token")),
                new Case("cors.maxAge", "60000", corsOn, o -> o.engine().cors().maxAge(), Duration.ofMinutes(1)),
                key("cookie", "true", o -> o.engine().cookie(), cookie),
                key("cookie.name", "SERVERID", o -> o.engine().cookie(), cookie.withName("SERVERID")),
                key("cookie.path", "/chat", o -> o.engine().cookie(), cookie.withPath("/chat")),
                key("cookie.httpOnly", "false", o -> o.engine().cookie(), cookie.withHttpOnly(false)),
                key("cookie.sameSite", "strict", o -> o.engine().cookie(), cookie.withSameSite("Strict")),
                key("cookie.maxAge", "3600000", o -> o.engine().cookie(), cookie.withMaxAge(Duration.ofHours(1))),
                key("perMessageDeflate", "true", o -> o.engine().perMessageDeflate(), PerMessageDeflateOptions.defaults()),
                key("perMessageDeflate.threshold", "64", o -> o.engine().perMessageDeflate(),
                        PerMessageDeflateOptions.defaults().withThreshold(64)),
                key("perMessageDeflate.serverNoContextTakeover", "false", o -> o.engine().perMessageDeflate(),
                        PerMessageDeflateOptions.defaults().withServerNoContextTakeover(false)),
                key("perMessageDeflate.clientNoContextTakeover", "true", o -> o.engine().perMessageDeflate(),
                        PerMessageDeflateOptions.defaults().withClientNoContextTakeover(true)),
                key("httpCompression", "false", o -> o.engine().httpCompression(), null),
                key("httpCompression.threshold", "4096", o -> o.engine().httpCompression(), new HttpCompressionOptions(4096)),
                key("connectTimeout", "5678", ServerOptions::connectTimeout, Duration.ofMillis(5678)),
                key("maxAttachments", "3", ServerOptions::maxAttachments, 3),
                key("parser", "MsgPack", ServerOptions::parser, Parser.msgpack()),
                key("cleanupEmptyChildNamespaces", "true", ServerOptions::cleanupEmptyChildNamespaces, true),
                key("connectionStateRecovery", "true", ServerOptions::connectionStateRecovery, recovery),
                key("connectionStateRecovery.maxDisconnectionDuration", "60000", ServerOptions::connectionStateRecovery,
                        recovery.withMaxDisconnectionDuration(Duration.ofMinutes(1))),
                key("connectionStateRecovery.skipMiddlewares", "false", ServerOptions::connectionStateRecovery,
                        recovery.withSkipMiddlewares(false)),
                key("connectionStateRecovery.maxPackets", "500", ServerOptions::connectionStateRecovery,
                        recovery.withMaxPackets(500)),
                new Case("adapter", "labelled", Map.of("jakartio.labelled.label", "green"),
                        ServerOptions::adapter, new LabelledFactory("green")));
    }

    /** The four ways, each with only that source setting the key. */
    static Stream<Arguments> keysSetEachWay() {
        return keys().flatMap(c -> Stream.of("system property", "environment variable", "MicroProfile Config",
                "context parameter").map(way -> Arguments.of(way, c)));
    }

    @ParameterizedTest(name = "{1} as a {0}")
    @MethodSource("keysSetEachWay")
    void everyKeyCanBeSetEachWay(String way, Case c) {
        String key = "jakartio." + c.key();
        Map<String, String> properties = new HashMap<>();
        Map<String, String> environment = new HashMap<>();
        Map<String, String> microProfile = new HashMap<>();
        Map<String, String> params = new HashMap<>(c.alongside());
        switch (way) {
            case "system property" -> properties.put(key, c.value());
            case "environment variable" -> environment.put(ConfigSources.environmentName(key), c.value());
            case "MicroProfile Config" -> microProfile.put(key, c.value());
            default -> params.put(key, c.value());
        }
        ServerOptions options = new SocketIoConfig(new ConfigSources(properties::get, environment::get,
                () -> microProfile::get, params::get), getClass().getClassLoader()).toBuilder().build();
        assertEquals(c.expected(), c.read().apply(options));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void eachCaseDiffersFromTheDefaultSoThatAnUnreadKeyFails(Case c) {
        Map<String, String> params = c.alongside();
        ServerOptions defaults = new SocketIoConfig(k -> null, k -> null, params::get).toBuilder().build();
        Object unset;
        try {
            unset = c.read().apply(defaults);
        } catch (NullPointerException e) {
            unset = null; // a group that is off (cookie, recovery) has no parts to read
        }
        assertNotEquals(c.expected(), unset);
    }

    @Test
    void everyKeyOfTheOptionsHasACaseHere() {
        Set<String> cases = keys().map(Case::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> known = new TreeSet<>(KnownKeys.DEFAULTS.keySet());
        // read before the servlet context exists, without context parameters: SocketIoConfigTest
        known.removeAll(List.of("path", "websocket", "websocketBufferSize"));
        assertEquals(known, cases);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void theEnvironmentVariableIsTheKeyInUpperCaseWithUnderscores(Case c) {
        String expected = ("JAKARTIO_" + c.key().replace('.', '_')).toUpperCase(java.util.Locale.ROOT);
        assertEquals(expected, ConfigSources.environmentName("jakartio." + c.key()));
    }
}
