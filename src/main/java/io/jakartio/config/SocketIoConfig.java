package io.jakartio.config;

import io.jakartio.server.ServerOptions;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the server's settings from {@code jakartio.*} keys, from (highest precedence first):
 * Java system properties ({@code -Djakartio.pingInterval=10000}), environment variables
 * ({@code JAKARTIO_PINGINTERVAL=10000}: upper case, every character other than a letter or digit
 * as {@code _}; {@code jakartio.pingInterval} and {@code jakartio_pingInterval} are found too),
 * MicroProfile Config where the container has it (Payara, WildFly: the application's
 * {@code META-INF/microprofile-config.properties} and the container's sources), and web.xml
 * context parameters ({@code <context-param>}). A blank value counts as not set. A bad value
 * fails with a message naming the key, the value and where it was found; a system property or
 * environment variable that looks like a key but is none is logged as a warning. Durations are
 * in milliseconds. Every key has the reference server's default.
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
 *   <tr><td>jakartio.maxBufferedPackets</td><td>10000</td><td>outbound queue bound per connection</td></tr>
 *   <tr><td>jakartio.pollingCloseTimeout</td><td>30000</td><td>ms a closing polling session waits
 *       for a GET to take its last packets</td></tr>
 *   <tr><td>jakartio.closeTimeout</td><td>5000</td><td>ms a WebSocket the server closes waits for
 *       the client's close frame before dropping the connection</td></tr>
 *   <tr><td>jakartio.writeLanes</td><td>(the number of processors)</td><td>threads that may write at once (a broadcast's
 *       recipients are written by up to this many); packets queued meanwhile for a connection join
 *       its next write. 1: the broadcasting thread writes all. 0: a write per packet</td></tr>
 *   <tr><td>jakartio.perMessageDeflate</td><td>false</td><td>negotiate permessage-deflate on native
 *       WebSockets; on as soon as one of its parts below is set, unless {@code false}</td></tr>
 *   <tr><td>jakartio.perMessageDeflate.threshold</td><td>1024</td><td>messages shorter than this
 *       many bytes are sent uncompressed</td></tr>
 *   <tr><td>jakartio.perMessageDeflate.serverNoContextTakeover</td><td>true</td><td>compress every
 *       message alone (a broadcast is then compressed once for all its recipients)</td></tr>
 *   <tr><td>jakartio.perMessageDeflate.clientNoContextTakeover</td><td>false</td><td>ask clients
 *       to compress every message alone</td></tr>
 *   <tr><td>jakartio.httpCompression</td><td>true</td><td>gzip/deflate polling responses the
 *       client accepts so; on as soon as its part below is set, unless {@code false}</td></tr>
 *   <tr><td>jakartio.httpCompression.threshold</td><td>1024</td><td>responses shorter than this
 *       many bytes are sent as they are</td></tr>
 *   <tr><td>jakartio.initialPacket</td><td>(none)</td><td>a text message sent right after each
 *       session's OPEN packet (a Socket.IO packet such as {@code 2["welcome"]})</td></tr>
 *   <tr><td>jakartio.allowEIO3</td><td>false</td><td>let Socket.IO 2.x clients (Engine.IO v3)
 *       connect</td></tr>
 *   <tr><td>jakartio.cors.origins</td><td>(none: CORS off)</td><td>comma-separated allowed origins:
 *       exact, {@code *}, or patterns such as {@code https://*.example.com} (a {@code *} is one or
 *       more letters, digits, {@code -} or {@code .})</td></tr>
 *   <tr><td>jakartio.cors.credentials</td><td>false</td><td>allow credentials cross-origin</td></tr>
 *   <tr><td>jakartio.cors.allowedHeaders</td><td>(those the preflight asks for)</td><td>comma-separated
 *       request headers preflights allow</td></tr>
 *   <tr><td>jakartio.cors.maxAge</td><td>86400000</td><td>ms a browser may cache a preflight answer</td></tr>
 *   <tr><td>jakartio.cookie</td><td>false</td><td>set a cookie on the handshake (sticky sessions);
 *       on as soon as one of its parts below is set, unless {@code false}</td></tr>
 *   <tr><td>jakartio.cookie.name</td><td>io</td><td>the cookie's name</td></tr>
 *   <tr><td>jakartio.cookie.path</td><td>/</td><td>its Path</td></tr>
 *   <tr><td>jakartio.cookie.httpOnly</td><td>true</td><td>whether it is HttpOnly</td></tr>
 *   <tr><td>jakartio.cookie.sameSite</td><td>Lax</td><td>Strict, Lax or None</td></tr>
 *   <tr><td>jakartio.cookie.maxAge</td><td>(none: a session cookie)</td><td>ms the browser keeps it</td></tr>
 *   <tr><td>jakartio.path</td><td>/socket.io/</td><td>endpoint path; not a context parameter</td></tr>
 *   <tr><td>jakartio.connectTimeout</td><td>45000</td><td>ms to join a namespace after connecting</td></tr>
 *   <tr><td>jakartio.maxAttachments</td><td>10</td><td>binary attachments a packet may announce</td></tr>
 *   <tr><td>jakartio.parser</td><td>default</td><td>{@code default} or {@code msgpack} (clients built with
 *       socket.io-msgpack-parser)</td></tr>
 *   <tr><td>jakartio.cleanupEmptyChildNamespaces</td><td>false</td><td>remove a dynamic namespace
 *       when its last socket leaves</td></tr>
 *   <tr><td>jakartio.connectionStateRecovery</td><td>false</td><td>let reconnecting clients resume
 *       their socket; on as soon as one of its parts below is set, unless {@code false}</td></tr>
 *   <tr><td>jakartio.connectionStateRecovery.maxDisconnectionDuration</td><td>120000</td><td>ms a
 *       session is kept for its client to come back</td></tr>
 *   <tr><td>jakartio.connectionStateRecovery.skipMiddlewares</td><td>true</td><td>whether a
 *       recovered socket skips the middlewares</td></tr>
 *   <tr><td>jakartio.connectionStateRecovery.maxPackets</td><td>10000</td><td>the most packets a
 *       namespace keeps for clients that come back (in-memory adapter)</td></tr>
 *   <tr><td>jakartio.adapter</td><td>memory</td><td>the adapter, by the name of its
 *       {@link io.jakartio.adapter.AdapterProvider}; the provider reads its own keys</td></tr>
 *   <tr><td>jakartio.websocket</td><td>native</td><td>{@code native} or {@code jsr356}
 *       ({@link WebSocketMode}); not a context parameter</td></tr>
 *   <tr><td>jakartio.websocketBufferSize</td><td>1024</td><td>the container's per-session WebSocket
 *       message buffers (text, in chars, and binary, in bytes), lowered to this size at startup; 0
 *       keeps the container's defaults. Messages are received in parts, so this bounds memory per
 *       connection, not message size (that is {@code maxHttpBufferSize}). It applies to every
 *       WebSocket endpoint of the application whose own size is not set.</td></tr>
 * </table>
 *
 * <p>{@code jakartio.path} and {@code jakartio.websocket} are read before the servlet context
 * exists (the container deploys WebSocket endpoints first), so from system properties, the
 * environment and MicroProfile Config only.
 *
 * <pre>{@code
 * ServerOptions options = SocketIoConfig.read(servletContext::getInitParameter).build();
 * // or over settings made in code: the keys that are set win
 * ServerOptions options = SocketIoConfig.of(servletContext::getInitParameter).over(myOptions).build();
 * }</pre>
 */
public final class SocketIoConfig {

    /** The default endpoint path. */
    public static final String DEFAULT_PATH = "/socket.io/";

    /** The default of {@code jakartio.websocketBufferSize}. */
    public static final int DEFAULT_WEBSOCKET_BUFFER_SIZE = 1024;

    /** What every key starts with. */
    static final String PREFIX = "jakartio.";

    private static final System.Logger LOG = System.getLogger(SocketIoConfig.class.getName());

    private final ConfigSources sources;
    private final ClassLoader loader;
    private final KnownKeys.Names names;

    /**
     * @param sources where keys are looked up
     * @param loader where adapter providers are looked up
     * @param names the settings' names, checked for unknown keys
     */
    SocketIoConfig(ConfigSources sources, ClassLoader loader, KnownKeys.Names names) {
        this.sources = sources;
        this.loader = loader;
        this.names = names;
    }

    /**
     * @param sources where keys are looked up
     * @param loader where adapter providers are looked up
     */
    SocketIoConfig(ConfigSources sources, ClassLoader loader) {
        this(sources, loader, new KnownKeys.Names(List.of(), List.of(), List.of()));
    }

    /**
     * Sources given as functions, without MicroProfile Config, for tests.
     *
     * @param systemProperties system properties by key
     * @param environment environment variables by name
     * @param contextParams context parameters by key
     */
    SocketIoConfig(Function<String, String> systemProperties, Function<String, String> environment,
            Function<String, String> contextParams) {
        this(new ConfigSources(systemProperties, environment, () -> key -> null, contextParams),
                SocketIoConfig.class.getClassLoader());
    }

    /**
     * The container's sources: system properties, the environment, MicroProfile Config as the
     * current thread's context class loader sees it, and the given context parameters.
     *
     * <pre>{@code
     * SocketIoConfig config = SocketIoConfig.of(servletContext::getInitParameter);
     * Optional<String> uri = config.value("jakartio.redis.uri");
     * }</pre>
     *
     * @param contextParams web.xml context parameters ({@code ServletContext::getInitParameter}),
     *     or {@code name -> null}
     * @return the configuration
     */
    public static SocketIoConfig of(Function<String, String> contextParams) {
        return of(contextParams, List.of());
    }

    /**
     * The container's sources, as {@link #of(Function)}, with the names of the context
     * parameters, so that one that looks like a key but is none is reported (a typo in web.xml).
     *
     * <pre>{@code
     * SocketIoConfig config = SocketIoConfig.of(context::getInitParameter,
     *         Collections.list(context.getInitParameterNames()));
     * }</pre>
     *
     * @param contextParams web.xml context parameters ({@code ServletContext::getInitParameter})
     * @param contextParamNames their names
     * @return the configuration
     */
    public static SocketIoConfig of(Function<String, String> contextParams, Collection<String> contextParamNames) {
        ClassLoader loader = applicationLoader();
        Map<String, String> env = System.getenv();
        return new SocketIoConfig(new ConfigSources(System::getProperty, env::get,
                () -> MicroProfileConfigSource.open(loader), contextParams), loader,
                new KnownKeys.Names(System.getProperties().stringPropertyNames(), env.keySet(), contextParamNames));
    }

    /**
     * Reads the settings from system properties, the environment, MicroProfile Config and
     * context parameters, over the defaults.
     *
     * @param contextParams web.xml context parameters ({@code ServletContext::getInitParameter}),
     *     or {@code name -> null}
     * @return a builder holding the settings, to adjust further or build
     * @throws IllegalArgumentException for a bad value, naming its key
     */
    public static ServerOptions.Builder read(Function<String, String> contextParams) {
        return of(contextParams).over(ServerOptions.defaults());
    }

    /**
     * Lays the keys that are set over settings made in code: a key that is set replaces the
     * value of {@code base}, one that is not keeps it. Parts of a group are laid one by one:
     * {@code jakartio.cors.credentials} alone changes the credentials of the base's CORS and
     * keeps its origins.
     *
     * <pre>{@code
     * ServerOptions base = ServerOptions.builder().connectTimeout(Duration.ofSeconds(5)).build();
     * ServerOptions options = SocketIoConfig.of(context::getInitParameter).over(base).build();
     * }</pre>
     *
     * @param base the settings to start from
     * @return a builder holding them with the keys laid over
     * @throws IllegalArgumentException for a bad value, naming its key
     */
    public ServerOptions.Builder over(ServerOptions base) {
        List<String> unknown = unknownKeys();
        if (!unknown.isEmpty()) {
            LOG.log(Level.WARNING, "Ignored, not Jakartio keys (a typo?): {0}. The keys are listed in the README "
                    + "and in io.jakartio.config.SocketIoConfig", String.join(", ", unknown));
        }
        return new OptionKeys(sources, loader).over(base);
    }

    /** @return the settings that look like keys but are none, described with their source */
    List<String> unknownKeys() {
        return KnownKeys.unknown(names, value(PREFIX + "adapter").orElse(null));
    }

    /**
     * Reads any key with the same precedence, including keys of adapters and applications.
     *
     * @param key the full key, e.g. {@code "jakartio.redis.uri"}
     * @return its value, trimmed; empty when no source sets it (or sets it blank)
     */
    public Optional<String> value(String key) {
        return sources.find(key).map(ConfigValue::text);
    }

    /**
     * The endpoint path, which the WebSocket deployment needs before any servlet context
     * exists: system property, environment or MicroProfile Config only.
     *
     * @return the configured path, {@link #DEFAULT_PATH} if none
     */
    public static String path() {
        return of(name -> null).pathSetting();
    }

    String pathSetting() {
        return sources.beforeServletContext(PREFIX + "path").map(v -> normalizePath(v.text())).orElse(DEFAULT_PATH);
    }

    /**
     * The WebSocket implementation, which the deployment needs before any servlet context
     * exists: system property {@code jakartio.websocket}, environment {@code JAKARTIO_WEBSOCKET}
     * or MicroProfile Config only.
     *
     * @return the configured mode, {@link WebSocketMode#NATIVE} if none
     * @throws IllegalArgumentException for an unknown value
     */
    public static WebSocketMode websocketMode() {
        return of(name -> null).websocketModeSetting();
    }

    WebSocketMode websocketModeSetting() {
        Optional<ConfigValue> value = sources.beforeServletContext(PREFIX + "websocket");
        try {
            return WebSocketMode.parse(value.map(ConfigValue::text).orElse(null));
        } catch (IllegalArgumentException e) {
            throw value.orElseThrow().invalid("expected native or jsr356", e);
        }
    }

    /**
     * The size the container's per-session WebSocket message buffers are lowered to.
     *
     * @param contextParams web.xml context parameters, or {@code name -> null}
     * @return the size in bytes (binary) and chars (text); 0 to keep the container's defaults
     * @throws IllegalArgumentException for a bad value
     */
    public static int websocketBufferSize(Function<String, String> contextParams) {
        return of(contextParams).websocketBufferSizeSetting();
    }

    int websocketBufferSizeSetting() {
        return sources.find(PREFIX + "websocketBufferSize").map(v -> (int) v.number(0, Integer.MAX_VALUE))
                .orElse(DEFAULT_WEBSOCKET_BUFFER_SIZE);
    }

    /** @return the settings over the defaults */
    ServerOptions.Builder toBuilder() {
        return over(ServerOptions.defaults());
    }

    /** @return the path with a leading and a trailing {@code /} */
    static String normalizePath(String value) {
        String path = value.startsWith("/") ? value : "/" + value;
        return path.endsWith("/") ? path : path + "/";
    }

    private static ClassLoader applicationLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SocketIoConfig.class.getClassLoader();
    }
}
