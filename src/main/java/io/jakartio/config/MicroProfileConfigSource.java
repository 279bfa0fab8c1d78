package io.jakartio.config;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads keys from MicroProfile Config where the container has it (Payara, WildFly), through
 * reflection: this layer uses the JDK only, and on Tomcat, which has no MicroProfile Config,
 * nothing here may fail. MicroProfile Config brings the application's
 * {@code META-INF/microprofile-config.properties} and whatever sources the container adds.
 */
final class MicroProfileConfigSource {

    private static final System.Logger LOG = System.getLogger(MicroProfileConfigSource.class.getName());

    static final String PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";
    static final String CONFIG = "org.eclipse.microprofile.config.Config";

    private MicroProfileConfigSource() {
    }

    /**
     * @param loader the application's class loader: MicroProfile Config keeps one configuration
     *     per loader, and sees the application's properties file through it
     * @return a lookup of the application's configuration, answering {@code null} for every key
     *     when the loader sees no MicroProfile Config
     */
    static Function<String, String> open(ClassLoader loader) {
        Class<?> provider;
        try {
            provider = Class.forName(PROVIDER, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return key -> null; // not a MicroProfile container (Tomcat): nothing to read
        }
        try {
            Object config = provider.getMethod("getConfig", ClassLoader.class).invoke(null, loader);
            Method getOptionalValue = Class.forName(CONFIG, false, loader)
                    .getMethod("getOptionalValue", String.class, Class.class);
            return key -> value(config, getOptionalValue, key);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // The API is there without a usable implementation: say so, and go on without it.
            LOG.log(Level.WARNING, "MicroProfile Config is present but could not be opened; jakartio.* keys "
                    + "are read from system properties, the environment and context parameters only", e);
            return key -> null;
        }
    }

    private static String value(Object config, Method getOptionalValue, String key) {
        try {
            Optional<?> value = (Optional<?>) getOptionalValue.invoke(config, key, String.class);
            return value.map(String.class::cast).orElse(null);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(key + ": MicroProfile Config could not read it: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("MicroProfile Config's Config.getOptionalValue is not accessible", e);
        }
    }
}
