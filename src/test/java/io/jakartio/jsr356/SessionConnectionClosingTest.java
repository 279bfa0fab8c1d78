package io.jakartio.jsr356;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.websocket.WebSocketProtocol;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 7 in the JSR-356 mode: the container's close frame (its answer to the peer's,
 * or the engine's own) must not wait behind the transport's next frames. Tomcat's blocking close
 * send polls for the send slot while the transport takes it again from each completion, so with
 * broadcasts queued the close frame never gets it and the connection drops without it. Each test
 * plays the ordering with a session whose sends complete when the test says.
 */
class SessionConnectionClosingTest {

    /** A container session whose async sends complete on {@link #completeNext()}. */
    private static final class HeldSession {
        final List<String> started = new ArrayList<>();
        final List<CloseReason> closes = new ArrayList<>();
        final AtomicBoolean containerClosing = new AtomicBoolean();
        private final ArrayDeque<SendHandler> held = new ArrayDeque<>();
        private final Map<String, Object> userProperties = new HashMap<>();
        final Session session;

        HeldSession() {
            RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().startsWith("send") && args.length == 2 && args[1] instanceof SendHandler done) {
                            started.add(String.valueOf(args[0]));
                            held.add(done);
                        }
                        return null;
                    });
            session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isOpen" -> true; // as Tomcat's, while either side's close is under way
                        case "getUserProperties" -> userProperties;
                        case "getAsyncRemote" -> remote;
                        case "close" -> {
                            closes.add((CloseReason) args[0]);
                            containerClosing.set(true);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                    });
        }

        void completeNext() {
            held.poll().onResult(new SendResult());
        }
    }

    /** The engine's transport: sends the next queued frame from each completion, as it does. */
    private static final class Transport implements Consumer<Throwable> {
        final ArrayDeque<String> queue = new ArrayDeque<>();
        final List<Throwable> results = new ArrayList<>();
        final SessionConnection connection;

        Transport(SessionConnection connection, String... frames) {
            this.connection = connection;
            queue.addAll(List.of(frames));
        }

        void start() {
            connection.sendText(queue.poll(), this);
        }

        @Override
        public void accept(Throwable error) {
            results.add(error);
            if (error == null && !queue.isEmpty()) {
                connection.sendText(queue.poll(), this);
            }
        }
    }

    @Test
    void noFrameStartsOnceTheContainerAnswersThePeersClose() {
        HeldSession container = new HeldSession();
        SessionConnection connection = new SessionConnection(container.session, s -> container.containerClosing.get());
        Transport transport = new Transport(connection, "4a", "4b", "4c");
        transport.start();

        container.containerClosing.set(true); // the peer's close frame: the container answers it
        container.completeNext(); // the frame in flight completes; the transport tries the next

        assertEquals(List.of("4a"), container.started, "a frame took the send slot before the close answer");
        assertEquals(1, transport.results.size(), "the dropped frame never completes");
    }

    @Test
    void noFrameStartsOnceTheEngineClosed() {
        HeldSession container = new HeldSession();
        SessionConnection connection = new SessionConnection(container.session, s -> false); // a container we cannot read
        Transport transport = new Transport(connection, "4a", "4b");
        transport.start();

        connection.close(WebSocketProtocol.CLOSE_NORMAL, "forced close");
        container.completeNext();

        assertEquals(List.of("4a"), container.started);
        assertEquals(1, container.closes.size());
    }

    @Test
    void framesFlowWhileTheSessionIsOpen() {
        HeldSession container = new HeldSession();
        SessionConnection connection = new SessionConnection(container.session, s -> container.containerClosing.get());
        Transport transport = new Transport(connection, "4a", "4b");
        transport.start();

        container.completeNext();
        container.completeNext();

        assertEquals(List.of("4a", "4b"), container.started);
        assertFalse(container.containerClosing.get());
        assertTrue(transport.queue.isEmpty());
    }
}
