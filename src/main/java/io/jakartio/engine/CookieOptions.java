package io.jakartio.engine;

import java.time.Duration;

/**
 * The cookie naming the session on handshake responses, like Node's engine.io {@code cookie}
 * option (off by default): {@code Set-Cookie: io=<sid>; Path=/; HttpOnly; SameSite=Lax}. A load
 * balancer can route a client's requests to the server holding its session with it (sticky
 * sessions).
 *
 * <pre>{@code
 * EngineOptions.builder().cookie(CookieOptions.defaults()).build();
 * }</pre>
 *
 * @param name the cookie's name; defaults to {@code io}
 * @param path its {@code Path}; defaults to {@code /}
 * @param httpOnly whether scripts may not read it; defaults to true
 * @param sameSite its {@code SameSite} attribute ({@code Strict}, {@code Lax}, {@code None}), or
 *     {@code null} for none; defaults to {@code Lax}
 * @param maxAge its {@code Max-Age}, or {@code null} for a session cookie (the default)
 */
public record CookieOptions(String name, String path, boolean httpOnly, String sameSite, Duration maxAge) {

    /** @return the reference server's defaults: {@code io}, {@code /}, HttpOnly, {@code SameSite=Lax}, a session cookie */
    public static CookieOptions defaults() {
        return new CookieOptions("io", "/", true, "Lax", null);
    }
}
