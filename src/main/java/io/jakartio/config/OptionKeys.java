package io.jakartio.config;

import io.jakartio.adapter.AdapterProvider;
import io.jakartio.engine.CookieOptions;
import io.jakartio.engine.CorsOptions;
import io.jakartio.engine.EngineOptions;
import io.jakartio.engine.HttpCompressionOptions;
import io.jakartio.engine.PerMessageDeflateOptions;
import io.jakartio.engine.TransportType;
import io.jakartio.parser.Parser;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.ServerOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Lays the {@code jakartio.*} keys that are set over a base {@link ServerOptions}: a key that is
 * set replaces the base's value, a key that is not keeps it. The keys and their defaults are
 * listed in {@link SocketIoConfig}.
 */
final class OptionKeys {

    private static final List<String> COOKIE_PARTS =
            List.of("cookie.name", "cookie.path", "cookie.httpOnly", "cookie.sameSite", "cookie.maxAge");
    private static final List<String> RECOVERY_PARTS =
            List.of("connectionStateRecovery.maxDisconnectionDuration", "connectionStateRecovery.skipMiddlewares",
                    "connectionStateRecovery.maxPackets");

    private static final List<String> DEFLATE_PARTS = List.of("perMessageDeflate.threshold",
            "perMessageDeflate.serverNoContextTakeover", "perMessageDeflate.clientNoContextTakeover");
    private static final List<String> HTTP_COMPRESSION_PARTS = List.of("httpCompression.threshold");

    private final ConfigSources sources;
    private final ClassLoader loader;

    /**
     * @param sources where keys are looked up
     * @param loader where adapter providers are looked up
     */
    OptionKeys(ConfigSources sources, ClassLoader loader) {
        this.sources = sources;
        this.loader = loader;
    }

    /**
     * @param base the settings keys that are not set leave as they are
     * @return a builder holding the base with the keys that are set laid over it
     */
    ServerOptions.Builder over(ServerOptions base) {
        ServerOptions.Builder server = base.toBuilder().engine(engine(base.engine()));
        // the WebSocket endpoint is deployed before the servlet context exists: no context parameter
        sources.beforeServletContext(SocketIoConfig.PREFIX + "path")
                .ifPresent(v -> server.path(SocketIoConfig.normalizePath(v.text())));
        find("connectTimeout").ifPresent(v -> server.connectTimeout(v.millis()));
        find("maxAttachments").ifPresent(v -> server.maxAttachments((int) v.number(0, Integer.MAX_VALUE)));
        find("parser").ifPresent(v -> server.parser(parser(v)));
        find("cleanupEmptyChildNamespaces").ifPresent(v -> server.cleanupEmptyChildNamespaces(v.flag()));
        server.connectionStateRecovery(recovery(base.connectionStateRecovery()));
        find("adapter").ifPresent(v -> server.adapter(adapterProvider(v).create(this::text)));
        return server;
    }

    private static Parser parser(ConfigValue value) {
        try {
            return Parser.named(value.text());
        } catch (IllegalArgumentException e) {
            throw value.invalid("unknown parser (default, msgpack)", e);
        }
    }

    private EngineOptions engine(EngineOptions base) {
        EngineOptions.Builder engine = base.toBuilder();
        find("pingInterval").ifPresent(v -> engine.pingInterval(v.millis()));
        find("pingTimeout").ifPresent(v -> engine.pingTimeout(v.millis()));
        find("upgradeTimeout").ifPresent(v -> engine.upgradeTimeout(v.millis()));
        find("maxHttpBufferSize").ifPresent(v -> engine.maxHttpBufferSize(v.number(1, Long.MAX_VALUE)));
        find("transports").ifPresent(v -> engine.transports(transports(v)));
        find("allowUpgrades").ifPresent(v -> engine.allowUpgrades(v.flag()));
        find("maxBufferedPackets").ifPresent(v -> engine.maxBufferedPackets((int) v.number(1, Integer.MAX_VALUE)));
        find("pollingCloseTimeout").ifPresent(v -> engine.pollingCloseTimeout(v.millis()));
        find("closeTimeout").ifPresent(v -> engine.closeTimeout(v.millis()));
        find("writeLanes").ifPresent(v -> engine.writeLanes((int) v.number(0, Integer.MAX_VALUE)));
        find("initialPacket").ifPresent(v -> engine.initialPacket(v.text()));
        find("allowEIO3").ifPresent(v -> engine.allowEIO3(v.flag()));
        return engine.cors(cors(base.cors())).cookie(cookie(base.cookie()))
                .perMessageDeflate(perMessageDeflate(base.perMessageDeflate()))
                .httpCompression(httpCompression(base.httpCompression())).build();
    }

    private PerMessageDeflateOptions perMessageDeflate(PerMessageDeflateOptions base) {
        if (!turnedOn("perMessageDeflate", base != null, DEFLATE_PARTS)) {
            return null;
        }
        PerMessageDeflateOptions deflate = base != null ? base : PerMessageDeflateOptions.defaults();
        deflate = change(deflate, DEFLATE_PARTS.get(0), (d, v) -> d.withThreshold((int) v.number(0, Integer.MAX_VALUE)));
        deflate = change(deflate, DEFLATE_PARTS.get(1), (d, v) -> d.withServerNoContextTakeover(v.flag()));
        return change(deflate, DEFLATE_PARTS.get(2), (d, v) -> d.withClientNoContextTakeover(v.flag()));
    }

    private HttpCompressionOptions httpCompression(HttpCompressionOptions base) {
        if (!turnedOn("httpCompression", base != null, HTTP_COMPRESSION_PARTS)) {
            return null;
        }
        HttpCompressionOptions compression = base != null ? base : HttpCompressionOptions.defaults();
        return change(compression, HTTP_COMPRESSION_PARTS.get(0),
                (c, v) -> new HttpCompressionOptions((int) v.number(0, Integer.MAX_VALUE)));
    }

    private CorsOptions cors(CorsOptions base) {
        CorsOptions cors = change(base, "cors.origins", (c, v) -> c == null
                ? new CorsOptions(v.list(), false, Duration.ofHours(24))
                : new CorsOptions(v.list(), c.credentials(), c.maxAge(), c.allowedHeaders()));
        if (cors == null) {
            for (String key : List.of("cors.credentials", "cors.maxAge", "cors.allowedHeaders")) {
                find(key).ifPresent(v -> {
                    throw v.invalid("CORS is off: set jakartio.cors.origins too");
                });
            }
            return null;
        }
        cors = change(cors, "cors.credentials", (c, v) -> c.withCredentials(v.flag()));
        cors = change(cors, "cors.maxAge", (c, v) -> c.withMaxAge(v.millis()));
        return change(cors, "cors.allowedHeaders", (c, v) -> c.withAllowedHeaders(v.list().toArray(String[]::new)));
    }

    private CookieOptions cookie(CookieOptions base) {
        // "false" turns it off whatever else is set (a deploy-time override); any part set
        // turns it on: setting a cookie's name means wanting the cookie
        if (!turnedOn("cookie", base != null, COOKIE_PARTS)) {
            return null;
        }
        CookieOptions cookie = base != null ? base : CookieOptions.defaults();
        cookie = change(cookie, "cookie.name", (c, v) -> c.withName(v.text()));
        cookie = change(cookie, "cookie.path", (c, v) -> c.withPath(v.text()));
        cookie = change(cookie, "cookie.httpOnly", (c, v) -> c.withHttpOnly(v.flag()));
        cookie = change(cookie, "cookie.sameSite", (c, v) -> c.withSameSite(v.text()));
        return change(cookie, "cookie.maxAge", (c, v) -> c.withMaxAge(v.millis()));
    }

    private ConnectionStateRecovery recovery(ConnectionStateRecovery base) {
        if (!turnedOn("connectionStateRecovery", base != null, RECOVERY_PARTS)) {
            return null;
        }
        ConnectionStateRecovery recovery = base != null ? base : ConnectionStateRecovery.defaults();
        recovery = change(recovery, RECOVERY_PARTS.get(0), (r, v) -> r.withMaxDisconnectionDuration(v.millis()));
        recovery = change(recovery, RECOVERY_PARTS.get(1), (r, v) -> r.withSkipMiddlewares(v.flag()));
        return change(recovery, RECOVERY_PARTS.get(2), (r, v) -> r.withMaxPackets((int) v.number(1, Integer.MAX_VALUE)));
    }

    private boolean turnedOn(String key, boolean onInBase, List<String> parts) {
        Optional<ConfigValue> on = find(key);
        if (on.isPresent()) {
            return on.get().flag();
        }
        return onInBase || parts.stream().anyMatch(part -> find(part).isPresent());
    }

    private AdapterProvider adapterProvider(ConfigValue name) {
        try {
            return AdapterProvider.find(name.text(), loader);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + name.source() + ")", e);
        }
    }

    private static Set<TransportType> transports(ConfigValue value) {
        Set<TransportType> set = EnumSet.noneOf(TransportType.class);
        for (String name : value.list()) {
            TransportType type = TransportType.fromWireName(name);
            if (type == null) {
                throw value.invalid("unknown transport '" + name + "' (polling, websocket)");
            }
            set.add(type);
        }
        if (set.isEmpty()) {
            throw value.invalid("enable at least one transport");
        }
        return set;
    }

    /**
     * Applies a key that is set to a settings record; the record's own validation errors then
     * name the key, the value and its source too.
     */
    private <T> T change(T current, String key, BiFunction<T, ConfigValue, T> change) {
        Optional<ConfigValue> value = find(key);
        if (value.isEmpty()) {
            return current;
        }
        try {
            return change.apply(current, value.get());
        } catch (ConfigValue.InvalidSetting e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw value.get().invalid(e.getMessage(), e);
        }
    }

    private Optional<ConfigValue> find(String key) {
        return sources.find(SocketIoConfig.PREFIX + key);
    }

    private String text(String fullKey) {
        return sources.find(fullKey).map(ConfigValue::text).orElse(null);
    }
}
