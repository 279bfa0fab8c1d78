package io.jakartio.jsr356;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells whether the container has begun a session's close handshake, where the JSR-356 API does
 * not: {@code Session.isOpen()} stays true while the container answers the peer's close frame,
 * and {@code Endpoint.onClose} comes only once the answer was sent.
 *
 * <p>Why it matters (issue 14, point 7): Tomcat answers a peer's close frame with a blocking send
 * that waits for the send in flight, polling for it; the engine's transport starts its next
 * frame from the completion of the previous one and takes the send slot again first. With
 * broadcasts queued (many clients leaving at once, each departure broadcast to the others) the
 * answer waits until Tomcat's blocking-send timeout, then the connection is dropped without it,
 * which RFC 6455 5.5.1 forbids. So {@link SessionConnection} sends no more frames once the
 * container is closing.
 *
 * <p>Tomcat keeps the state in a private {@code AtomicReference} of an enum named {@code state},
 * {@code OPEN} until either side closes; it is read by reflection, as {@code UpgradedSockets}
 * reaches Tomcat's socket. Other containers are not recognized ({@link #isClosing} says false),
 * and a Tomcat whose fields changed is treated the same way.
 *
 * <pre>{@code
 * if (ClosingSessions.TOMCAT.isClosing(session)) { ... } // refuse the frame
 * }</pre>
 */
final class ClosingSessions {

    private static final System.Logger LOG = System.getLogger(ClosingSessions.class.getName());

    /** Tomcat's {@code WsSession}. */
    static final ClosingSessions TOMCAT = new ClosingSessions("org.apache.tomcat.websocket.WsSession");

    private final String className;
    private final ClassValue<Field> stateFields = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            return type.getName().equals(className) ? stateField(type) : null;
        }
    };

    /** @param className the session class whose {@code state} field is read */
    ClosingSessions(String className) {
        this.className = className;
    }

    /**
     * @param session a container's {@code jakarta.websocket.Session}
     * @return whether the session's state is known and is no longer {@code OPEN}
     */
    boolean isClosing(Object session) {
        Field field = stateFields.get(session.getClass());
        if (field == null) {
            return false;
        }
        try {
            Object state = ((AtomicReference<?>) field.get(session)).get();
            return state instanceof Enum<?> value && !"OPEN".equals(value.name());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Field stateField(Class<?> type) {
        try {
            Field field = type.getDeclaredField("state");
            if (field.getType() != AtomicReference.class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read the state of " + type.getName() + " sessions", e);
            return null;
        }
    }
}
