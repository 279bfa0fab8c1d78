package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpgradeRetryTest {

    /** Fails like Weld's cache for its first {@code failures} calls, then creates the handler. */
    private static final class FlakyContainer implements UpgradeRetry.Upgrade<Object> {
        final Object handler = new Object();
        final AtomicInteger calls = new AtomicInteger();
        final int failures;

        FlakyContainer(int failures) {
            this.failures = failures;
        }

        @Override
        public Object create() {
            if (calls.incrementAndGet() <= failures) {
                throw new NullPointerException("Cannot invoke \"InjectionTarget.inject(Object, CreationalContext)\" because \"it\" is null");
            }
            return handler;
        }
    }

    @Test
    void anUpgradeThatWorksIsAskedForOnce() throws Exception {
        FlakyContainer container = new FlakyContainer(0);
        assertSame(container.handler, UpgradeRetry.upgrade(container));
        assertEquals(1, container.calls.get());
    }

    @Test
    void aHandlerTheContainerFailedToCreateIsAskedForAgain() throws Exception {
        FlakyContainer container = new FlakyContainer(UpgradeRetry.ATTEMPTS - 1);
        assertSame(container.handler, UpgradeRetry.upgrade(container));
        assertEquals(UpgradeRetry.ATTEMPTS, container.calls.get());
    }

    @Test
    void afterTheLastAttemptTheContainersFailureIsThrown() {
        FlakyContainer container = new FlakyContainer(UpgradeRetry.ATTEMPTS);
        NullPointerException thrown = assertThrows(NullPointerException.class, () -> UpgradeRetry.upgrade(container));
        assertEquals(UpgradeRetry.ATTEMPTS, container.calls.get());
        assertTrue(thrown.getMessage().contains("InjectionTarget"));
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(ServletException.class, () -> UpgradeRetry.upgrade(() -> {
            calls.incrementAndGet();
            throw new ServletException("upgrade not supported");
        }));
        assertThrows(IOException.class, () -> UpgradeRetry.upgrade(() -> {
            calls.incrementAndGet();
            throw new IOException("connection reset");
        }));
        assertThrows(IllegalStateException.class, () -> UpgradeRetry.upgrade(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("response committed");
        }));
        assertEquals(3, calls.get());
    }
}
