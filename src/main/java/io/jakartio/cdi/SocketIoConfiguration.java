package io.jakartio.cdi;

import io.jakartio.config.SocketIoConfig;
import io.jakartio.server.ServerOptions;
import java.util.Optional;

/**
 * The CDI event fired once, before the application's {@link io.jakartio.server.Server} is
 * built, to let beans change its settings in code. The builder it carries already holds
 * everything else: the defaults, the {@code ServerOptions} a bean produces (if any) and the
 * {@code jakartio.*} keys that are set, laid over them. What an observer sets here is final; it
 * can read the keys to decide.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class SocketIoSettings {
 *     void configure(@Observes SocketIoConfiguration config) {
 *         config.options()
 *             .engine(engine -> engine.pingInterval(Duration.ofSeconds(10)))
 *             .adapter(host -> new MyAdapter(host, config.value("jakartio.myadapter.uri").orElseThrow()));
 *     }
 * }
 * }</pre>
 *
 * <p>Observers run on the thread that creates the server (the application's startup), in the
 * order of their {@code @Priority}, before any handler or middleware bean is registered.
 */
public final class SocketIoConfiguration {

    private final ServerOptions.Builder options;
    private final SocketIoConfig config;

    /**
     * @param options the settings so far
     * @param config the keys they were read from
     */
    SocketIoConfiguration(ServerOptions.Builder options, SocketIoConfig config) {
        this.options = options;
        this.config = config;
    }

    /** @return the builder the server will be built from; change it in place */
    public ServerOptions.Builder options() {
        return options;
    }

    /**
     * Reads a key with the precedence of every {@code jakartio.*} key (system property,
     * environment, MicroProfile Config, context parameter).
     *
     * @param key the full key, e.g. {@code "jakartio.pingInterval"} or one of the application's own
     * @return its value, or empty when it is set nowhere
     */
    public Optional<String> value(String key) {
        return config.value(key);
    }
}
