package io.jakartio.jsr356;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the container reports a failed connection, the server closes it without a close frame. */
class SessionConnectionTest {

    /** A session that records close calls. */
    private static final class RecordingSession {
        final List<CloseReason> closes = new ArrayList<>();
        final Map<String, Object> userProperties = new HashMap<>();

        Session session() {
            return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isOpen" -> true;
                        case "getUserProperties" -> userProperties;
                        case "close" -> {
                            closes.add(args == null ? null : (CloseReason) args[0]);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "RecordingSession";
                        default -> null;
                    });
        }
    }

    @Test
    void aHealthyConnectionClosesWithACloseFrame() {
        RecordingSession recording = new RecordingSession();
        SessionConnection connection = new SessionConnection(recording.session());

        connection.close(1000, "forced close");

        assertEquals(1, recording.closes.size());
        assertEquals(1000, recording.closes.get(0).getCloseCode().getCode());
    }

    @Test
    void aBrokenConnectionIsLeftToTheContainerWithoutACloseFrame() {
        RecordingSession recording = new RecordingSession();
        SessionConnection connection = new SessionConnection(recording.session());

        connection.markBroken();
        connection.close(1000, "transport error");

        assertTrue(recording.closes.isEmpty(), "no close frame to a dead peer");
    }

    @Test
    void tomcatsBlockingSendTimeoutIsBoundedForTheCloseFrame() {
        RecordingSession recording = new RecordingSession();
        new SessionConnection(recording.session());

        assertEquals(SessionConnection.CLOSE_SEND_TIMEOUT_MILLIS,
                recording.userProperties.get(SessionConnection.TOMCAT_BLOCKING_SEND_TIMEOUT));
    }

    @Test
    void tomcatsSessionCloseTimeoutIsTheEnginesCloseTimeout() {
        RecordingSession recording = new RecordingSession();
        new SessionConnection(recording.session(), Duration.ofMillis(1500));

        assertEquals(1500L, recording.userProperties.get(CloseTimeout.TOMCAT_SESSION_CLOSE_TIMEOUT));
        RecordingSession byDefault = new RecordingSession();
        new SessionConnection(byDefault.session());
        assertEquals(5000L, byDefault.userProperties.get(CloseTimeout.TOMCAT_SESSION_CLOSE_TIMEOUT));
    }

    @Test
    void onlyIoFailuresCountAsBrokenConnections() {
        assertTrue(WebSocketBridge.isIoFailure(new EOFException()));
        assertTrue(WebSocketBridge.isIoFailure(new IllegalStateException(new IOException("Connection reset by peer"))));
        assertFalse(WebSocketBridge.isIoFailure(new IllegalArgumentException("a bug in a handler")));
    }
}
