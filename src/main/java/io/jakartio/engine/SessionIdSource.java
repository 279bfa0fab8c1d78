package io.jakartio.engine;

import java.util.regex.Pattern;

/**
 * The engine's source of session ids: the application's {@link SessionIdGenerator} if it has
 * one, checked, else {@link SessionIds}.
 */
final class SessionIdSource {

    /** RFC 3986's unreserved characters: safe unescaped in a query, a cookie value and JSON. */
    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    static final String ID_GENERATION_ERROR = "ID_GENERATION_ERROR";

    private final SessionIds random = new SessionIds();
    private final SessionIdGenerator generator;

    /** @param generator the application's generator, or {@code null} for random ids */
    SessionIdSource(SessionIdGenerator generator) {
        this.generator = generator;
    }

    /**
     * @param request the handshake request
     * @return a new id
     * @throws UnusableId if the application's generator failed or gave an unusable id
     */
    String next(EngineRequest request) throws UnusableId {
        if (generator == null) {
            return random.next();
        }
        String id;
        try {
            id = generator.generate(request);
        } catch (RuntimeException e) {
            throw new UnusableId(Refusal.of(EngineError.BAD_REQUEST, "name", ID_GENERATION_ERROR, "error", e));
        }
        if (id == null || !USABLE.matcher(id).matches()) {
            throw new UnusableId(Refusal.of(EngineError.BAD_REQUEST, "name", ID_GENERATION_ERROR,
                    "error", "unusable id: " + (id == null ? "null" : '"' + id + '"')));
        }
        return id;
    }

    /** @return the refusal of a handshake whose generated id is already in use */
    static Refusal inUse(String id) {
        return Refusal.of(EngineError.BAD_REQUEST, "name", ID_GENERATION_ERROR, "error", "id already in use", "sid", id);
    }

    /** The generator failed: the handshake is refused with {@link #refusal()}. */
    static final class UnusableId extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Refusal refusal;

        UnusableId(Refusal refusal) {
            super(String.valueOf(refusal.context().get("error")), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }
}
