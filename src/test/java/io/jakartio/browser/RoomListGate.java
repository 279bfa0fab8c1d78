package io.jakartio.browser;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The chat's database as it is, except that the next query of the room list (ChatStore.rooms(),
 * which a connecting socket's welcome makes after it has taken the list of who is online and
 * before it sends {@code session}) can be held, to let something happen in between.
 *
 * <pre>{@code
 * RoomListGate gate = new RoomListGate(database.dataSource());
 * FullChat.install(io, new ChatStore(gate.dataSource()));
 * gate.arm();
 * ... a socket connects ...
 * gate.awaitHeld(Duration.ofSeconds(15)); // its welcome is waiting
 * ... something else happens ...
 * gate.release();
 * }</pre>
 */
final class RoomListGate {

    private static final String ROOM_LIST = "SELECT name FROM chat_room ORDER BY name";
    /** Longest a held query waits when a test forgets to release it. */
    private static final long MAX_HOLD_SECONDS = 30;

    private final DataSource dataSource;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    /** @param target the database */
    RoomListGate(DataSource target) {
        dataSource = proxy(DataSource.class, target, (method, args, connection) -> !"getConnection".equals(method) ? connection
                : proxy(Connection.class, (Connection) connection, (m, a, statement) -> !"createStatement".equals(m) ? statement
                        : proxy(Statement.class, (Statement) statement, this::holdIfRoomList)));
    }

    /** @return the database to give the chat */
    DataSource dataSource() {
        return dataSource;
    }

    /** Holds the next room-list query until {@link #release()}. */
    void arm() {
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
        armed.set(true);
    }

    /**
     * @param timeout how long to wait
     * @return whether a query is being held
     */
    boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @param timeout how long to wait
     * @return whether the held query was let go
     */
    boolean awaitReleased(Duration timeout) throws InterruptedException {
        return released.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return whether a query is being held now */
    boolean holding() {
        return held.getCount() == 0 && released.getCount() == 1;
    }

    /** Lets the held query (or the next one, if none came yet) run. */
    void release() {
        armed.set(false);
        released.countDown();
    }

    /** After a query: holds the armed room-list query's thread until {@link #release()}. */
    private Object holdIfRoomList(String method, Object[] args, Object result) {
        if ("executeQuery".equals(method) && ROOM_LIST.equals(args[0]) && armed.compareAndSet(true, false)) {
            held.countDown();
            try {
                released.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
    }

    /** What a proxy does with a call's result (another proxy, say) before returning it. */
    private interface After {
        Object apply(String method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (self, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method.getName(), args, result);
        };
        return type.cast(Proxy.newProxyInstance(RoomListGate.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
