package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The arguments of every occurrence of one event on one client, recorded from the moment it is
 * created (listeners run on the Java client's event thread; the test thread reads them here).
 */
final class Events {

    /** Upper bound for anything we expect to happen. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** How long we listen to prove that something does NOT happen. */
    static final Duration GRACE = Duration.ofMillis(300);

    private final String description;
    private final BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
    private final List<Object[]> seen = new ArrayList<>();

    Events(String description) {
        this.description = description;
    }

    /** The listener to register with the client. */
    void add(Object... args) {
        queue.add(args);
    }

    /** @return the next occurrence's arguments, waiting up to {@link #WAIT} */
    Object[] next() {
        return next(args -> true, "any");
    }

    /**
     * Waits up to {@link #WAIT} for an occurrence whose arguments match, skipping (and keeping
     * for {@link #none}) the others.
     *
     * @param where which arguments we are waiting for
     * @param what describes them in the failure message
     * @return the arguments
     */
    Object[] next(Predicate<Object[]> where, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Object[] args = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (args == null) {
                    return fail("timed out after " + WAIT.toMillis() + " ms waiting for " + description
                            + " (" + what + "); saw " + shown());
                }
                if (where.test(args)) {
                    return args;
                }
                seen.add(args);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + description);
        }
    }

    /** @return the first argument of the next occurrence whose first argument equals {@code first} */
    Object[] nextWithFirst(Object first) {
        return next(args -> args.length > 0 && first.equals(args[0]), "first argument " + first);
    }

    /**
     * Fails if an occurrence matching {@code where} arrived, or arrives within {@link #GRACE} of
     * now. Several silences can be checked in a row: only the first one waits the full grace.
     *
     * @param where the occurrences that must not happen
     * @param since when the grace period started ({@link System#nanoTime()})
     */
    void none(Predicate<Object[]> where, long since) {
        try {
            long left = since + GRACE.toNanos() - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.drainTo(seen);
        for (Object[] args : seen) {
            if (where.test(args)) {
                fail("unexpectedly received " + description + " " + Json.show(args));
            }
        }
    }

    private String shown() {
        List<String> all = new ArrayList<>();
        for (Object[] args : seen) {
            all.add(Json.show(args));
        }
        return all.toString();
    }
}
