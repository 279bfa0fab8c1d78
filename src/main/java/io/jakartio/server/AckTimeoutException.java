package io.jakartio.server;

/** No acknowledgement arrived within the {@code timeout(...)} of an emit. */
public final class AckTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the reference implementation's message. */
    public AckTimeoutException() {
        super("operation has timed out");
    }
}
