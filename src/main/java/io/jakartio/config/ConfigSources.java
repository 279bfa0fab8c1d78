package io.jakartio.config;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where {@code jakartio.*} keys are looked up, highest precedence first: Java system
 * properties, the environment, MicroProfile Config (where the container has it), web.xml
 * context parameters. A blank value counts as not set, as in MicroProfile Config. The
 * environment is searched by MicroProfile Config's rules: the key itself
 * ({@code jakartio.pingInterval}), then with each character other than a letter or digit as
 * {@code _} ({@code jakartio_pingInterval}), then that in upper case ({@code JAKARTIO_PINGINTERVAL}).
 */
final class ConfigSources {

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Supplier<Function<String, String>> microProfile;
    private final Function<String, String> contextParams;
    private Function<String, String> microProfileConfig;

    /**
     * @param systemProperties {@code System::getProperty}, or a fake
     * @param environment {@code System.getenv()::get}, or a fake
     * @param microProfile opens MicroProfile Config when a key gets that far (it answers
     *     {@code null} for every key where the container has none)
     * @param contextParams {@code ServletContext::getInitParameter}, or {@code name -> null}
     */
    ConfigSources(Function<String, String> systemProperties, Function<String, String> environment,
            Supplier<Function<String, String>> microProfile, Function<String, String> contextParams) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.microProfile = microProfile;
        this.contextParams = contextParams;
    }

    /**
     * @param key the full key, e.g. {@code jakartio.pingInterval}
     * @return the value of the highest-precedence source that sets it
     */
    Optional<ConfigValue> find(String key) {
        Optional<ConfigValue> value = beforeServletContext(key);
        return value.isPresent() ? value : found(key, contextParams.apply(key), "context parameter " + key);
    }

    /**
     * The sources a WebSocket deployment can read, before the servlet context exists: all but
     * context parameters.
     *
     * @param key the full key
     * @return the value of the highest-precedence source that sets it
     */
    Optional<ConfigValue> beforeServletContext(String key) {
        Optional<ConfigValue> value = found(key, systemProperties.apply(key), "system property " + key);
        if (value.isEmpty()) {
            value = fromEnvironment(key);
        }
        if (value.isEmpty()) {
            value = found(key, microProfileConfig().apply(key), "MicroProfile Config property " + key);
        }
        return value;
    }

    /**
     * @param key the full key
     * @return the name of the environment variable users are told to set, e.g. {@code JAKARTIO_PINGINTERVAL}
     */
    static String environmentName(String key) {
        return sanitized(key).toUpperCase(Locale.ROOT);
    }

    private Optional<ConfigValue> fromEnvironment(String key) {
        for (String name : new String[] {key, sanitized(key), environmentName(key)}) {
            Optional<ConfigValue> value = found(key, environment.apply(name), "environment variable " + name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private Function<String, String> microProfileConfig() {
        if (microProfileConfig == null) {
            microProfileConfig = microProfile.get();
        }
        return microProfileConfig;
    }

    private static String sanitized(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static Optional<ConfigValue> found(String key, String value, String source) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new ConfigValue(key, value.trim(), source));
    }
}
