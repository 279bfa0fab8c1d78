package io.jakartio.jakarta;

import jakarta.servlet.ServletException;
import java.io.IOException;

/**
 * Lets one protocol upgrade at a time through until the container has created its first upgrade
 * handler, then all of them at once.
 *
 * <p>A container creates an upgrade handler through its instance manager, which, with CDI,
 * builds and caches an injection target for the class on first use; Weld's servlet integration
 * on Tomcat (5.1) can hand a concurrent first caller a target not built yet, and that upgrade
 * fails with a {@code NullPointerException} — an HTTP 500. A fresh deployment meets exactly this
 * when its clients reconnect all at once. Serialising the upgrades until one has succeeded costs
 * nothing afterwards (one volatile read).
 *
 * <pre>{@code
 * ServletWebSocket websocket = gate.upgrade(() -> request.upgrade(ServletWebSocket.class));
 * }</pre>
 */
final class FirstUpgradeGate {

    /** What creates the handler: {@code () -> request.upgrade(type)}. */
    @FunctionalInterface
    interface Upgrade<T> {
        T create() throws IOException, ServletException;
    }

    private final Object lock = new Object();
    private volatile boolean open;

    /**
     * @param upgrade creates the upgrade handler ({@code request.upgrade(type)})
     * @return what {@code upgrade} returned
     */
    <T> T upgrade(Upgrade<T> upgrade) throws IOException, ServletException {
        if (open) {
            return upgrade.create();
        }
        synchronized (lock) {
            T handler = upgrade.create(); // throws: the next upgrade is a first one again
            open = true;
            return handler;
        }
    }

    /** @return whether upgrades no longer wait for each other */
    boolean isOpen() {
        return open;
    }
}
