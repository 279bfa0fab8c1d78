package io.jakartio.engine;

/** Thrown by an {@link AllowRequest} hook to refuse a handshake. */
public final class RequestRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message the message sent to the client in the 403 body */
    public RequestRejectedException(String message) {
        super(message);
    }
}
