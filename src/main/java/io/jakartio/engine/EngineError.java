package io.jakartio.engine;

/**
 * The errors of an Engine.IO request, with the codes and messages of the reference server,
 * answered as {@code HTTP 400 {"code":N,"message":"..."}} (403 for {@link #FORBIDDEN}).
 */
public enum EngineError {
    /** The {@code transport} parameter is missing, unknown or disabled. */
    UNKNOWN_TRANSPORT(0, "Transport unknown"),
    /** The {@code sid} parameter names no open session. */
    UNKNOWN_SID(1, "Session ID unknown"),
    /** A handshake must be a GET. */
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
    /** Anything else that is wrong with the request. */
    BAD_REQUEST(3, "Bad request"),
    /** The {@code allowRequest} hook or the CORS policy refused the request. */
    FORBIDDEN(4, "Forbidden"),
    /** The {@code EIO} parameter is missing or not {@code 4}. */
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

    private final int code;
    private final String message;

    EngineError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** @return the numeric code of the protocol */
    public int code() {
        return code;
    }

    /** @return the default message */
    public String message() {
        return message;
    }

    /** @return the HTTP status used for this error */
    public int httpStatus() {
        return this == FORBIDDEN ? 403 : 400;
    }
}
