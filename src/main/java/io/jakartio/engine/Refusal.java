package io.jakartio.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why the engine refuses a request: the protocol's error, the message for the client and the
 * details for {@link ConnectionError#context()} (whose {@code name} is also the cause the refusal
 * is logged under).
 *
 * @param error the protocol error (its code and HTTP status)
 * @param message the message sent to the client
 * @param context the details
 */
record Refusal(EngineError error, String message, Map<String, Object> context) {

    /** Context names of the refusals Jakartio adds to Node's. */
    static final String ORIGIN_NOT_ALLOWED = "ORIGIN_NOT_ALLOWED";
    static final String TRANSPORT_MISMATCH = "TRANSPORT_MISMATCH";
    static final String ALREADY_UPGRADED = "ALREADY_UPGRADED";
    static final String ALREADY_UPGRADING = "ALREADY_UPGRADING";
    static final String UPGRADES_DISABLED = "UPGRADES_DISABLED";
    static final String USER_MISMATCH = "USER_MISMATCH";

    /**
     * @param error the error, with its default message
     * @param details alternating names and values; {@code null} values are left out
     * @return the refusal
     */
    static Refusal of(EngineError error, Object... details) {
        return withMessage(error, error.message(), details);
    }

    /**
     * @param error the error
     * @param message the message for the client
     * @param details alternating names and values; {@code null} values are left out
     * @return the refusal
     */
    static Refusal withMessage(EngineError error, String message, Object... details) {
        Map<String, Object> context = new LinkedHashMap<>();
        for (int i = 0; i + 1 < details.length; i += 2) {
            if (details[i + 1] != null) {
                context.put((String) details[i], details[i + 1]);
            }
        }
        return new Refusal(error, message, context);
    }

    /** @return the cause this refusal is logged under: its context name, else its error */
    String cause() {
        Object name = context.get("name");
        return name instanceof String text ? text : error.name();
    }

    /**
     * @param headers the response headers (CORS)
     * @return the HTTP response: 400, or 403 for {@link EngineError#FORBIDDEN}, with
     *     {@code {"code":N,"message":"..."}}
     */
    HttpResponse response(Map<String, String> headers) {
        return HttpResponse.text(error.httpStatus(), "application/json", EngineServer.errorBody(error, message), headers);
    }
}
