package io.jakartio.server;

import io.jakartio.adapter.Adapter;
import io.jakartio.adapter.RequestTimeoutException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The server-side events of one namespace (Node's {@code nsp.serverSideEmit} and the
 * {@code nsp.on(event, ...)} listeners of events from other servers): sends them through the
 * adapter and hands those of other servers to their listeners.
 */
final class ServerSideEvents {

    private static final System.Logger LOG = System.getLogger(ServerSideEvents.class.getName());

    /** Node's {@code RESERVED_EVENTS} of a namespace: they name its own events, not the cluster's. */
    private static final Set<String> RESERVED = Set.of("connect", "connection", "new_namespace");

    private final String namespace;
    private final Listeners listeners = new Listeners();

    ServerSideEvents(String namespace) {
        this.namespace = namespace;
    }

    static void check(String event) {
        if (event == null || RESERVED.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
    }

    void on(String event, EventListener listener) {
        check(event);
        listeners.addListener(event, listener);
    }

    void off(String event, EventListener listener) {
        listeners.removeListener(event, listener);
    }

    /** Fire and forget; a trailing {@link AckCallback} turns it into {@link #emitWithAck}. */
    void emit(Adapter adapter, String event, Object[] args) {
        check(event);
        if (args.length > 0 && args[args.length - 1] instanceof AckCallback callback) {
            emitWithAck(adapter, event, Arrays.copyOf(args, args.length - 1)).whenComplete((answers, error) -> {
                if (error == null) {
                    callback.call(null, answers);
                } else {
                    Throwable cause = unwrap(error);
                    callback.call(cause, cause instanceof AckTimeoutException timeout ? timeout.responses() : List.of());
                }
            });
            return;
        }
        adapter.serverSideEmit(packet(event, args));
    }

    CompletableFuture<List<Object>> emitWithAck(Adapter adapter, String event, Object[] args) {
        check(event);
        CompletableFuture<List<Object>> answers = new CompletableFuture<>();
        adapter.serverSideEmitWithAck(packet(event, args)).whenComplete((list, error) -> {
            if (error == null) {
                answers.complete(list);
            } else if (unwrap(error) instanceof RequestTimeoutException timeout) {
                answers.completeExceptionally(new AckTimeoutException(timeout.getMessage(), timeout.responses()));
            } else {
                answers.completeExceptionally(unwrap(error));
            }
        });
        return answers;
    }

    /** An event from another server: its listeners get the arguments and, if asked for, an {@link Ack}. */
    void receive(List<Object> packet, Consumer<Object> ackOrNull) {
        if (packet.isEmpty() || !(packet.get(0) instanceof String event)) {
            LOG.log(Level.DEBUG, () -> "server-side event without a name on " + namespace + " ignored");
            return;
        }
        List<Object> args = new ArrayList<>(packet.subList(1, packet.size()));
        if (ackOrNull != null) {
            AtomicBoolean called = new AtomicBoolean();
            // Node answers with one argument, once: the others and later calls are dropped.
            args.add((Ack) reply -> {
                if (called.compareAndSet(false, true)) {
                    ackOrNull.accept(reply.length == 0 ? null : reply[0]);
                }
            });
        }
        listeners.emitLocally(event, args.toArray());
    }

    private static List<Object> packet(String event, Object[] args) {
        List<Object> packet = new ArrayList<>(args.length + 1);
        packet.add(event);
        packet.addAll(Arrays.asList(args));
        return packet;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
