package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/** Helpers to interleave threads at a known point, without sleeping for correctness. */
final class Threads {

    private Threads() {
    }

    /**
     * Waits until {@code thread} has finished, or is blocked entering a monitor of an instance of
     * {@code monitorClass} (it then stays there until the current owner leaves).
     *
     * @param thread the thread to watch
     * @param monitorClass the class of the contended object
     */
    static void awaitBlockedOnOrDone(Thread thread, Class<?> monitorClass) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (thread.isAlive()) {
            ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId());
            if (info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockName() != null
                    && info.getLockName().startsWith(monitorClass.getName() + "@")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(thread.getName() + " neither finished nor blocked on a " + monitorClass.getSimpleName());
            }
            Thread.onSpinWait();
        }
    }

    /** @return a thread's name, state and stack, for a deadlock message */
    static String dump(Thread thread) {
        StringBuilder sb = new StringBuilder("\n").append(thread.getName()).append(' ').append(thread.getState());
        for (StackTraceElement frame : thread.getStackTrace()) {
            sb.append("\n    at ").append(frame);
        }
        return sb.toString();
    }
}
