package io.jakartio.engine;

import java.time.Duration;
import java.util.Locale;

/**
 * The cookie the server sets on the handshake response, like the reference server's
 * {@code cookie} option: load balancers use it for sticky sessions, so that every request of a
 * polling session reaches the node that holds it. Off unless set in {@link EngineOptions}.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder()
 *     .cookie(CookieOptions.defaults().withName("SERVERID").withSameSite("Strict"))
 *     .build();
 * // the handshake answers: Set-Cookie: SERVERID=<sid>; Path=/; HttpOnly; SameSite=Strict
 * }</pre>
 *
 * @param name the cookie's name; defaults to {@code "io"}. An RFC 6265 token (letters, digits
 *     and {@code !#$%&'*+-.^_`|~})
 * @param path its {@code Path} attribute, starting with {@code /}; defaults to {@code "/"};
 *     {@code null} sends none
 * @param httpOnly whether scripts are kept from reading it ({@code HttpOnly}); defaults to true
 * @param sameSite its {@code SameSite} attribute, {@code "Strict"}, {@code "Lax"} or
 *     {@code "None"} (any case, kept in this spelling); defaults to {@code "Lax"}; {@code null}
 *     sends none. Browsers drop a {@code SameSite=None} cookie that is not also {@code Secure}
 * @param maxAge how long the browser keeps it ({@code Max-Age}, whole seconds); {@code null}
 *     (the default) makes it a session cookie
 */
public record CookieOptions(String name, String path, boolean httpOnly, String sameSite, Duration maxAge) {

    /**
     * Validates the settings and spells {@code sameSite} as the attribute is written.
     *
     * @param name cookie name
     * @param path Path attribute, or null
     * @param httpOnly whether it is HttpOnly
     * @param sameSite SameSite attribute, or null
     * @param maxAge Max-Age, or null for a session cookie
     */
    public CookieOptions {
        if (name == null || name.isEmpty() || !name.chars().allMatch(CookieOptions::isTokenChar)) {
            throw new IllegalArgumentException("cookie name must be a token (letters, digits, !#$%&'*+-.^_`|~): " + name);
        }
        if (path != null && (!path.startsWith("/") || !path.chars().allMatch(CookieOptions::isPathChar))) {
            throw new IllegalArgumentException("cookie path must start with '/' and hold no ';' or control characters: "
                    + path);
        }
        sameSite = sameSite == null ? null : sameSiteSpelling(sameSite);
        if (maxAge != null && (maxAge.isNegative() || maxAge.toSeconds() == 0)) {
            throw new IllegalArgumentException("cookie maxAge must be at least one second (null for a session cookie): "
                    + maxAge);
        }
    }

    /** @return {@code io}, path {@code /}, {@code HttpOnly}, {@code SameSite=Lax}, a session cookie (the reference server's) */
    public static CookieOptions defaults() {
        return new CookieOptions("io", "/", true, "Lax", null);
    }

    /** @param value the cookie's name @return a copy with that name */
    public CookieOptions withName(String value) {
        return new CookieOptions(value, path, httpOnly, sameSite, maxAge);
    }

    /** @param value the Path attribute, or null for none @return a copy with that path */
    public CookieOptions withPath(String value) {
        return new CookieOptions(name, value, httpOnly, sameSite, maxAge);
    }

    /** @param value whether the cookie is HttpOnly @return a copy with that setting */
    public CookieOptions withHttpOnly(boolean value) {
        return new CookieOptions(name, path, value, sameSite, maxAge);
    }

    /** @param value {@code Strict}, {@code Lax}, {@code None}, or null for none @return a copy with that setting */
    public CookieOptions withSameSite(String value) {
        return new CookieOptions(name, path, httpOnly, value, maxAge);
    }

    /** @param value the Max-Age, or null for a session cookie @return a copy with that lifetime */
    public CookieOptions withMaxAge(Duration value) {
        return new CookieOptions(name, path, httpOnly, sameSite, value);
    }

    private static String sameSiteSpelling(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "strict" -> "Strict";
            case "lax" -> "Lax";
            case "none" -> "None";
            default -> throw new IllegalArgumentException("cookie sameSite must be Strict, Lax or None: " + value);
        };
    }

    // RFC 6265 section 4.1.1: cookie-name = token (RFC 2616 section 2.2)
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    // RFC 6265 section 4.1.1: path-value = any CHAR except CTLs or ";"
    private static boolean isPathChar(int c) {
        return c >= 0x20 && c < 0x7f && c != ';';
    }
}
