package io.jakartio.server;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs middlewares one after the other; each continues the chain through its {@link Next},
 * possibly later and from another thread. An exception thrown by a middleware stops the chain
 * as {@link Next#fail} would.
 *
 * @param <M> the middleware type
 * @param <T> what the middlewares inspect (a socket, an event)
 */
final class MiddlewareChain<M, T> {

    /** Invokes one middleware. */
    @FunctionalInterface
    interface Step<M, T> {
        void run(M middleware, T subject, Next next);
    }

    private final List<M> middlewares;
    private final Step<M, T> step;
    private final T subject;
    private final Runnable onDone;
    private final Consumer<Exception> onError;

    MiddlewareChain(List<M> middlewares, Step<M, T> step, T subject, Runnable onDone, Consumer<Exception> onError) {
        this.middlewares = List.copyOf(middlewares);
        this.step = step;
        this.subject = subject;
        this.onDone = onDone;
        this.onError = onError;
    }

    void start() {
        run(0);
    }

    private void run(int index) {
        if (index == middlewares.size()) {
            onDone.run();
            return;
        }
        AtomicBoolean called = new AtomicBoolean();
        Next next = new Next() {
            @Override
            public void proceed() {
                if (called.compareAndSet(false, true)) {
                    run(index + 1);
                }
            }

            @Override
            public void fail(Exception error) {
                if (called.compareAndSet(false, true)) {
                    onError.accept(error);
                }
            }
        };
        try {
            step.run(middlewares.get(index), subject, next);
        } catch (RuntimeException e) {
            next.fail(e);
        }
    }
}
