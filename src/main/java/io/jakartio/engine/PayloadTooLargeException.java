package io.jakartio.engine;

/** Thrown by {@link EngineRequest#body(long)} when a body exceeds {@code maxHttpBufferSize}. */
public final class PayloadTooLargeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param limit the limit that was exceeded, in bytes */
    public PayloadTooLargeException(long limit) {
        super("payload exceeds maxHttpBufferSize of " + limit + " bytes");
    }
}
