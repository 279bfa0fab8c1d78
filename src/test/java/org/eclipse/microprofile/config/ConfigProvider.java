package org.eclipse.microprofile.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;

/**
 * A test stand-in for MicroProfile Config's {@code ConfigProvider}: like an implementation, it
 * reads {@code META-INF/microprofile-config.properties} through the class loader it is given
 * (each application sees its own). A loader that sees {@code META-INF/microprofile-config.broken}
 * gets the {@code IllegalStateException} an API without an implementation throws.
 */
public final class ConfigProvider {

    private ConfigProvider() {
    }

    /** @return the configuration of the thread's context class loader */
    public static Config getConfig() {
        return getConfig(Thread.currentThread().getContextClassLoader());
    }

    /**
     * @param loader the application's class loader
     * @return its configuration
     */
    public static Config getConfig(ClassLoader loader) {
        if (loader.getResource("META-INF/microprofile-config.broken") != null) {
            throw new IllegalStateException("No ConfigProviderResolver implementation found!");
        }
        Properties properties = new Properties();
        try {
            for (URL url : Collections.list(loader.getResources("META-INF/microprofile-config.properties"))) {
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Config() {
            @Override
            public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
                String value = properties.getProperty(propertyName);
                return value == null || value.isEmpty() ? Optional.empty() : Optional.of(propertyType.cast(value));
            }
        };
    }
}
