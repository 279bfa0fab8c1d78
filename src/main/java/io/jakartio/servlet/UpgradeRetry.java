package io.jakartio.servlet;

import jakarta.servlet.ServletException;
import java.io.IOException;

/**
 * Asks the container to switch protocols, and asks again when its CDI integration failed to
 * create the upgrade handler.
 *
 * <p>Weld's servlet integration on Tomcat (5.1) creates every upgrade handler through an injection
 * target that it keeps only weakly: its cache computes the target, stores a weak reference to it
 * and returns what that reference holds. A garbage collection in between — frequent in a connect
 * storm, when the target has just been collected and is built again — makes it return
 * {@code null}, and the upgrade fails with a {@link NullPointerException}: an HTTP 500 for one
 * client among thousands. The container fails before it has changed anything (Tomcat creates
 * the handler first), and the next attempt builds the target again, so the upgrade is simply
 * repeated, at most {@value #ATTEMPTS} times in all.
 *
 * <pre>{@code
 * ServletWebSocket websocket = UpgradeRetry.upgrade(() -> request.upgrade(ServletWebSocket.class));
 * }</pre>
 */
final class UpgradeRetry {

    /** Attempts in all; a second failure in a row has not been seen. */
    static final int ATTEMPTS = 3;

    private static final System.Logger LOG = System.getLogger(UpgradeRetry.class.getName());

    /** What creates the handler: {@code () -> request.upgrade(type)}. */
    @FunctionalInterface
    interface Upgrade<T> {
        T create() throws IOException, ServletException;
    }

    private UpgradeRetry() {
    }

    /**
     * @param upgrade creates the upgrade handler ({@code request.upgrade(type)})
     * @return what {@code upgrade} returned
     * @throws NullPointerException when every attempt failed that way
     */
    static <T> T upgrade(Upgrade<T> upgrade) throws IOException, ServletException {
        for (int attempt = 1; ; attempt++) {
            try {
                return upgrade.create();
            } catch (NullPointerException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.log(System.Logger.Level.INFO, "the container could not create the WebSocket handler ({0}); "
                        + "upgrading again, attempt {1} of {2}", e.getMessage(), attempt + 1, ATTEMPTS);
            }
        }
    }
}
