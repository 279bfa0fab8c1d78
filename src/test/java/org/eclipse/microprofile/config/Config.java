package org.eclipse.microprofile.config;

import java.util.Optional;

/**
 * A test stand-in for MicroProfile Config's {@code Config}, with the one method Jakartio calls
 * (same signature as the API's), so that the reflective bridge of {@code io.jakartio.config}
 * is tested without a MicroProfile runtime. The real ones are exercised in Payara and WildFly by
 * the container tests.
 */
public interface Config {

    /**
     * @param <T> the type
     * @param propertyName the key
     * @param propertyType the type
     * @return the value, or empty
     */
    <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType);
}
