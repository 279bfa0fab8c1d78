package io.jakartio.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The transport's completion callback in tests: records {@code "ok"} or the error's simple class
 * name for each frame, and the thread it ran on.
 */
final class Completions implements Consumer<Throwable> {

    private final List<String> results = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @Override
    public synchronized void accept(Throwable error) {
        results.add(error == null ? "ok" : error.getClass().getSimpleName());
        threads.add(Thread.currentThread());
    }

    /** @return the results so far, in order */
    synchronized List<String> results() {
        return List.copyOf(results);
    }

    /** @return the threads the completions ran on, in order */
    synchronized List<Thread> threads() {
        return List.copyOf(threads);
    }
}
