package io.jakartio.engine;

import java.util.Locale;

/**
 * Writes the {@code Set-Cookie} value of {@link CookieOptions} for a session id (RFC 6265
 * section 4.1), attributes in the order of the reference server: {@code io=<sid>; Max-Age=60;
 * Path=/; HttpOnly; SameSite=Lax}. A {@code SameSite=None} cookie is also {@code Secure}: browsers
 * drop it otherwise.
 */
final class SessionCookie {

    private SessionCookie() {
    }

    /**
     * @param options the cookie's settings
     * @param sid the session id, its value
     * @return the header value
     */
    static String header(CookieOptions options, String sid) {
        StringBuilder cookie = new StringBuilder(64).append(options.name()).append('=').append(sid);
        if (options.maxAge() != null) {
            cookie.append("; Max-Age=").append(Math.max(0, options.maxAge().toSeconds()));
        }
        if (options.path() != null) {
            cookie.append("; Path=").append(options.path());
        }
        if (options.httpOnly()) {
            cookie.append("; HttpOnly");
        }
        String sameSite = options.sameSite();
        if (sameSite != null) {
            if (sameSite.toLowerCase(Locale.ROOT).equals("none")) {
                cookie.append("; Secure");
            }
            cookie.append("; SameSite=").append(sameSite);
        }
        return cookie.toString();
    }
}
