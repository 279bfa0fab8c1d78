package io.jakartio.config;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.CorsOptions;
import io.jakartio.engine.EngineOptions;
import io.jakartio.engine.TransportType;
import io.jakartio.server.ServerOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the server's settings the MicroProfile Config way, from (highest precedence first):
 * Java system properties ({@code -Djakartio.pingInterval=10000}), environment variables
 * ({@code JAKARTIO_PINGINTERVAL=10000}: upper case, dots as underscores) and web.xml context
 * parameters ({@code <context-param>jakartio.pingInterval</context-param>}). Every key has the
 * reference server's default.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>jakartio.pingInterval</td><td>25000</td><td>ms between server PINGs</td></tr>
 *   <tr><td>jakartio.pingTimeout</td><td>20000</td><td>ms to wait for the PONG</td></tr>
 *   <tr><td>jakartio.upgradeTimeout</td><td>10000</td><td>ms allowed for a transport upgrade</td></tr>
 *   <tr><td>jakartio.maxHttpBufferSize</td><td>1000000</td><td>largest message / POST body, bytes</td></tr>
 *   <tr><td>jakartio.transports</td><td>polling,websocket</td><td>enabled transports</td></tr>
 *   <tr><td>jakartio.allowUpgrades</td><td>true</td><td>whether polling may upgrade</td></tr>
 *   <tr><td>jakartio.cors.origins</td><td>(none: CORS off)</td><td>comma-separated allowed origins, or *</td></tr>
 *   <tr><td>jakartio.cors.credentials</td><td>false</td><td>allow credentials cross-origin</td></tr>
 *   <tr><td>jakartio.connectTimeout</td><td>45000</td><td>ms to join a namespace after connecting</td></tr>
 *   <tr><td>jakartio.maxBufferedPackets</td><td>10000</td><td>outbound queue bound per connection</td></tr>
 *   <tr><td>jakartio.writeLanes</td><td>processors</td><td>threads that may write at once; packets
 *       queued meanwhile for a connection join its next write. 0: a write per packet</td></tr>
 *   <tr><td>jakartio.path</td><td>/socket.io/</td><td>endpoint path; system property or environment only</td></tr>
 *   <tr><td>jakartio.websocketBufferSize</td><td>1024</td><td>the container's per-session WebSocket
 *       message buffers (text, in chars, and binary, in bytes), lowered to this size at startup; 0
 *       keeps the container's defaults. Messages are received in parts, so this bounds memory per
 *       connection, not message size (that is {@code maxHttpBufferSize}). It applies to every
 *       WebSocket endpoint of the application whose own size is not set.</td></tr>
 * </table>
 *
 * <pre>{@code
 * ServerOptions options = SocketIoConfig.read(servletContext::getInitParameter).build();
 * }</pre>
 */
public final class SocketIoConfig {

    /** The default endpoint path. */
    public static final String DEFAULT_PATH = "/socket.io/";

    private final Function<String, String> contextParams;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    SocketIoConfig(Function<String, String> systemProperties, Function<String, String> environment,
            Function<String, String> contextParams) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.contextParams = contextParams;
    }

    /**
     * Reads the settings from system properties, the environment and context parameters.
     *
     * @param contextParams web.xml context parameters ({@code ServletContext::getInitParameter}),
     *     or {@code name -> null}
     * @return a builder holding the settings, to adjust further or build
     */
    public static ServerOptions.Builder read(Function<String, String> contextParams) {
        Map<String, String> env = System.getenv();
        return new SocketIoConfig(System::getProperty, env::get, contextParams).toBuilder();
    }

    /**
     * The endpoint path, which the WebSocket deployment needs before any servlet context
     * exists: system property or environment only.
     *
     * @return the configured path, {@link #DEFAULT_PATH} if none
     */
    public static String path() {
        Map<String, String> env = System.getenv();
        return new SocketIoConfig(System::getProperty, env::get, name -> null).pathSetting();
    }

    /**
     * The WebSocket implementation, which the deployment needs before any servlet context
     * exists: system property {@code jakartio.websocket} or environment
     * {@code JAKARTIO_WEBSOCKET} only.
     *
     * @return the configured mode, {@link WebSocketMode#NATIVE} if none
     */
    public static WebSocketMode websocketMode() {
        Map<String, String> env = System.getenv();
        return new SocketIoConfig(System::getProperty, env::get, name -> null).websocketModeSetting();
    }

    WebSocketMode websocketModeSetting() {
        return WebSocketMode.parse(first(systemProperties, environment, "websocket"));
    }

    /** The default of {@code jakartio.websocketBufferSize}. */
    public static final int DEFAULT_WEBSOCKET_BUFFER_SIZE = 1024;

    /**
     * The size the container's per-session WebSocket message buffers are lowered to.
     *
     * @param contextParams web.xml context parameters, or {@code name -> null}
     * @return the size in bytes (binary) and chars (text); 0 to keep the container's defaults
     */
    public static int websocketBufferSize(Function<String, String> contextParams) {
        Map<String, String> env = System.getenv();
        return new SocketIoConfig(System::getProperty, env::get, contextParams).websocketBufferSizeSetting();
    }

    int websocketBufferSizeSetting() {
        long size = number("websocketBufferSize", DEFAULT_WEBSOCKET_BUFFER_SIZE);
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("jakartio.websocketBufferSize: out of range: " + size);
        }
        return (int) size;
    }

    ServerOptions.Builder toBuilder() {
        EngineOptions defaults = EngineOptions.defaults();
        EngineOptions.Builder engine = EngineOptions.builder()
                .pingInterval(millis("pingInterval", defaults.pingInterval()))
                .pingTimeout(millis("pingTimeout", defaults.pingTimeout()))
                .upgradeTimeout(millis("upgradeTimeout", defaults.upgradeTimeout()))
                .maxHttpBufferSize(number("maxHttpBufferSize", defaults.maxHttpBufferSize()))
                .transports(transports())
                .allowUpgrades(bool("allowUpgrades", defaults.allowUpgrades()))
                .maxBufferedPackets((int) number("maxBufferedPackets", defaults.maxBufferedPackets()))
                .writeLanes((int) number("writeLanes", defaults.writeLanes()));
        String origins = get("cors.origins");
        if (origins != null && !origins.isBlank()) {
            engine.cors(new CorsOptions(split(origins), bool("cors.credentials", false), Duration.ofHours(24)));
        }
        ServerOptions serverDefaults = ServerOptions.defaults();
        return ServerOptions.builder()
                .engine(engine.build())
                .path(pathSetting())
                .connectTimeout(millis("connectTimeout", serverDefaults.connectTimeout()));
    }

    String pathSetting() {
        String value = first(systemProperties, environment, "path");
        if (value == null || value.isBlank()) {
            return DEFAULT_PATH;
        }
        String path = value.startsWith("/") ? value : "/" + value;
        return path.endsWith("/") ? path : path + "/";
    }

    private Set<TransportType> transports() {
        String value = get("transports");
        if (value == null) {
            return EnumSet.allOf(TransportType.class);
        }
        Set<TransportType> set = EnumSet.noneOf(TransportType.class);
        for (String name : split(value)) {
            TransportType type = TransportType.fromWireName(name);
            if (type == null) {
                throw new IllegalArgumentException("jakartio.transports: unknown transport '" + name + "'");
            }
            set.add(type);
        }
        return set;
    }

    private Duration millis(String key, Duration fallback) {
        String value = get(key);
        return value == null ? fallback : Duration.ofMillis(parse(key, value));
    }

    private long number(String key, long fallback) {
        String value = get(key);
        return value == null ? fallback : parse(key, value);
    }

    private boolean bool(String key, boolean fallback) {
        String value = get(key);
        return value == null ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static long parse(String key, String value) {
        try {
            return (long) Double.parseDouble(value.trim()); // accepts 1e6 like the reference server
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("jakartio." + key + ": not a number: " + value, e);
        }
    }

    private String get(String key) {
        String value = first(systemProperties, environment, key);
        return value != null ? value : contextParams.apply("jakartio." + key);
    }

    private static String first(Function<String, String> properties, Function<String, String> env, String key) {
        String value = properties.apply("jakartio." + key);
        if (value != null) {
            return value;
        }
        return env.apply(("jakartio." + key).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
