package io.jakartio.engine;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates session ids: 120 random bits from a {@link SecureRandom}, written as 20 URL-safe
 * base64 characters (the length of the reference server's ids).
 *
 * <pre>{@code
 * String sid = new SessionIds().next(); // e.g. "Wq3vb5Ug0aZ1k_Fh8-RS"
 * }</pre>
 */
public final class SessionIds {

    private static final int BYTES = 15;
    private final SecureRandom random = new SecureRandom();

    /** @return a new id */
    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
