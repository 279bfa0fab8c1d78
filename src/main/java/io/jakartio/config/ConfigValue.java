package io.jakartio.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A {@code jakartio.*} setting as found, with where it was found, and its conversions: each
 * refuses a bad value with a message naming the key, the value and its source, so that a
 * deployment fails with "jakartio.pingTimeout: expected milliseconds: soon (environment
 * variable JAKARTIO_PINGTIMEOUT)" rather than with a default silently kept.
 *
 * @param key the full key, e.g. {@code jakartio.pingTimeout}
 * @param text the value, trimmed and not empty
 * @param source where it was found, e.g. {@code environment variable JAKARTIO_PINGTIMEOUT}
 */
record ConfigValue(String key, String text, String source) {

    /** @return the value as a positive number of milliseconds */
    Duration millis() {
        long value = integer("expected milliseconds (a whole number)");
        if (value <= 0) {
            throw invalid("must be a positive number of milliseconds");
        }
        return Duration.ofMillis(value);
    }

    /**
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @return the value as a whole number within the range ({@code 1e6} is accepted, as the
     *     reference server's numbers are JavaScript's)
     */
    long number(long min, long max) {
        long value = integer("not a number");
        if (value < min || value > max) {
            throw invalid("must be between " + min + " and " + max);
        }
        return value;
    }

    /** @return {@code true} or {@code false}, in any case */
    boolean flag() {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("expected true or false");
        };
    }

    /** @return the comma-separated items, trimmed, empty ones dropped */
    List<String> list() {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @param problem what is wrong with the value
     * @return an exception naming the key, the value and its source
     */
    InvalidSetting invalid(String problem) {
        return new InvalidSetting(key + ": " + problem + ": " + text + " (" + source + ")");
    }

    /**
     * @param problem what is wrong with the value
     * @param cause why the value was refused
     * @return an exception naming the key, the value and its source
     */
    InvalidSetting invalid(String problem, Throwable cause) {
        InvalidSetting e = invalid(problem);
        e.initCause(cause);
        return e;
    }

    private long integer(String problem) {
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(problem, e);
        }
    }

    /** A refused value; its message names the key, the value and its source. */
    static final class InvalidSetting extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        InvalidSetting(String message) {
            super(message);
        }
    }
}
