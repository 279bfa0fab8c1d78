package io.jakartio.testing;

/**
 * Closes what a test opened, each even if another fails to close, for {@code @AfterAll}:
 * a failure to close is printed, not thrown, so that it neither hides the test's own failure
 * nor leaves the rest open.
 *
 * <pre>{@code
 * Closing.quietly(proxy, tomcat, io, database); // nulls skipped
 * }</pre>
 */
public final class Closing {

    private Closing() {
    }

    /** @param resources closed in order; {@code null}s are skipped */
    public static void quietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            quietly(resource);
        }
    }

    /** @param resource closed if not {@code null} */
    public static void quietly(AutoCloseable resource) {
        try {
            if (resource != null) {
                resource.close();
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
