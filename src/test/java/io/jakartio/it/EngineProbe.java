package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.socket.client.Manager;
import io.socket.engineio.client.Socket;
import io.socket.engineio.client.Transport;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches the Engine.IO connection under one Java {@link Manager}: its session id, the
 * transports it creates, and its {@code upgrading} / {@code upgrade} events.
 *
 * <p>The Java client keeps its engine in the package-private field {@code Manager.engine} (the
 * JavaScript client exposes it as {@code manager.engine}), so it is read reflectively, from the
 * manager's public {@code transport} event: that event fires when the engine creates its first
 * transport, before it opens it, so no upgrade can be missed.
 */
final class EngineProbe {

    private static final Field ENGINE = engineField();

    private final Manager manager;
    private final List<String> transports = new CopyOnWriteArrayList<>();
    private final List<String> upgradeEvents = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> upgrade = new CompletableFuture<>();
    private final Events pings = new Events("Engine.IO ping from the server");
    private volatile Socket engine;

    EngineProbe(Manager manager) {
        this.manager = manager;
        manager.on(Manager.EVENT_TRANSPORT, args -> {
            Transport transport = (Transport) args[0];
            transports.add(transport.name);
            Socket current = read(manager);
            if (current != engine) {
                engine = current;
                current.on(Socket.EVENT_PING, pings::add);
                current.on(Socket.EVENT_UPGRADING, a -> upgradeEvents.add(Socket.EVENT_UPGRADING));
                current.on(Socket.EVENT_UPGRADE, a -> {
                    upgradeEvents.add(Socket.EVENT_UPGRADE);
                    upgrade.complete(((Transport) a[0]).name);
                });
                current.on(Socket.EVENT_UPGRADE_ERROR, a -> upgrade.completeExceptionally(
                        new AssertionError("upgradeError: " + (a.length > 0 ? a[0] : ""))));
            }
        });
    }

    Manager manager() {
        return manager;
    }

    /** @return the Engine.IO session id (the {@code sid} of the handshake) */
    String id() {
        Socket current = engine;
        return current == null ? null : current.id();
    }

    /** @return the server's Engine.IO pings (the client answers each with a pong) */
    Events pings() {
        return pings;
    }

    /** @return the names of the transports the engine created, in order (a probe included) */
    List<String> transportsCreated() {
        return List.copyOf(transports);
    }

    /** @return the {@code upgrading} and {@code upgrade} events seen so far */
    List<String> upgradeEvents() {
        return List.copyOf(upgradeEvents);
    }

    /** @return the transport the engine runs on now */
    String transport() {
        String upgraded = upgrade.getNow(null);
        if (upgraded != null) {
            return upgraded;
        }
        return transports.isEmpty() ? null : transports.get(0);
    }

    /** Waits for the {@code upgrade} event and returns the new transport's name. */
    String awaitUpgrade() {
        try {
            return upgrade.get(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("no upgrade within " + Events.WAIT.toMillis() + " ms; transports created: " + transports);
        } catch (ExecutionException e) {
            return fail(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private static Socket read(Manager manager) {
        try {
            return (Socket) ENGINE.get(manager);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field engineField() {
        try {
            Field field = Manager.class.getDeclaredField("engine");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this socket.io-client has no Manager.engine field", e);
        }
    }
}
