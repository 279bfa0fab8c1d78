package io.jakartio.jsr356;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Reading whether the container began a session's close handshake (see {@link ClosingSessions}). */
class ClosingSessionsTest {

    /** Shaped as Tomcat's {@code WsSession} keeps its state. */
    static final class StatefulSession {
        enum State { OPEN, OUTPUT_CLOSING, CLOSING, CLOSED }

        private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    }

    private final ClosingSessions sessions = new ClosingSessions(StatefulSession.class.getName());

    @Test
    void anOpenSessionIsNotClosing() {
        assertFalse(sessions.isClosing(new StatefulSession()));
    }

    @Test
    void aSessionAnsweringThePeersCloseOrSendingItsOwnIsClosing() {
        StatefulSession session = new StatefulSession();
        session.state.set(StatefulSession.State.CLOSING);
        assertTrue(sessions.isClosing(session));
        session.state.set(StatefulSession.State.OUTPUT_CLOSING);
        assertTrue(sessions.isClosing(session));
    }

    @Test
    void sessionsOfOtherContainersAreNeverSaidToBeClosing() {
        assertFalse(ClosingSessions.TOMCAT.isClosing(new StatefulSession()));
        assertFalse(sessions.isClosing(new Object()));
    }

    @Test
    void tomcatsSessionStillKeepsItsStateWhereItIsRead() throws Exception {
        Class<?> tomcat = Class.forName("org.apache.tomcat.websocket.WsSession");
        Field field = tomcat.getDeclaredField("state");
        assertEquals(AtomicReference.class, field.getType());
        Class<?> states = Class.forName("org.apache.tomcat.websocket.WsSession$State");
        assertTrue(Arrays.stream(states.getEnumConstants()).anyMatch(s -> ((Enum<?>) s).name().equals("OPEN")));
    }
}
