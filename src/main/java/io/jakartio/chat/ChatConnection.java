package io.jakartio.chat;

import io.jakartio.chat.store.ChatMessage;
import io.jakartio.server.RemoteSocket;
import io.jakartio.server.Socket;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One socket's life in the full chat: its event handlers, its rooms (its user's room, then
 * {@code general} and the rooms its {@code auth.rooms} asks to rejoin), then {@code session}
 * and {@code history} to it, and {@code user joined} to the others if it is the user's first
 * tab; {@code user left} when the user's last tab has left and none came back within the leave
 * grace ({@link Presence}).
 *
 * <pre>{@code
 * chat.on("connection", socket -> new ChatConnection(context, socket).start());
 * }</pre>
 */
final class ChatConnection {

    private static final System.Logger LOG = System.getLogger(ChatConnection.class.getName());

    /** The most rooms a connection rejoins from {@code auth.rooms}. */
    static final int MAX_REJOINED = 100;

    private final ChatContext context;
    private final Socket socket;

    ChatConnection(ChatContext context, Socket socket) {
        this.context = context;
        this.socket = socket;
    }

    void start() {
        ChatUser user;
        try {
            user = ChatUser.of(socket);
        } catch (IllegalStateException e) {
            // a socket that skipped the middleware (connection state recovery configured so): check it now
            try {
                user = ChatUser.fromAuth(socket.handshake().auth());
                user.attachTo(socket);
            } catch (ChatException refused) {
                socket.disconnect();
                return;
            }
        }
        ChatUser me = user;
        // handlers first: the client may emit as soon as it is connected
        new MessageEvents(context, socket, me).register();
        new RoomEvents(context, socket, me).register();
        // counted before the disconnect listener exists, so that a leave always follows its arrival
        Presence.Arrival arrival = context.presence().arrive(me);
        AtomicBoolean uncounted = new AtomicBoolean();
        Runnable leave = () -> {
            if (uncounted.compareAndSet(false, true)) {
                left(me);
            }
        };
        socket.on("disconnect", args -> leave.run());
        if (socket.disconnected()) { // gone before its listener was there
            leave.run();
            return;
        }

        socket.join(me.room());
        List<String> rooms;
        try {
            rooms = rejoin(socket.handshake().auth().get("rooms"));
        } catch (RuntimeException e) { // the database failed: a chat without its rooms is no use
            LOG.log(Level.WARNING, "chat: could not join " + me.nickname() + " to its rooms", e);
            socket.disconnect();
            return;
        }
        context.chat().fetchSockets().whenComplete((sockets, error) -> {
            try {
                if (error != null) {
                    throw error;
                }
                welcome(me, rooms, sockets, arrival);
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "chat: could not welcome " + me.nickname(), e);
                socket.disconnect();
            }
        });
    }

    /** Joins {@code general} and the valid rooms asked for, creating those that are missing. */
    private List<String> rejoin(Object asked) {
        List<String> rooms = new ArrayList<>();
        rooms.add(RoomName.GENERAL);
        if (asked instanceof List<?> names) {
            for (Object raw : names.subList(0, Math.min(names.size(), MAX_REJOINED))) {
                try {
                    String name = RoomName.of(raw);
                    if (!rooms.contains(name)) {
                        rooms.add(name);
                    }
                } catch (ChatException ignored) {
                    // a bad name in the page's saved rooms: skipped
                }
            }
        }
        for (String room : rooms) {
            if (context.store().createRoom(room)) {
                context.chat().emit("room created", Map.of("room", room));
            }
            socket.join(RoomName.socketRoom(room));
        }
        return rooms;
    }

    private void welcome(ChatUser me, List<String> rooms, List<RemoteSocket> sockets, Presence.Arrival arrival) {
        Map<String, String> users = new TreeMap<>();
        boolean otherTab = false;
        for (RemoteSocket other : sockets) {
            String key = ChatUser.keyOf(other);
            if (key != null) {
                users.putIfAbsent(key, String.valueOf(other.data().get(ChatUser.NICKNAME)));
                otherTab |= key.equals(me.key()) && !other.id().equals(socket.id());
            }
        }
        // and every user online here, those within the grace included, read at once: the sockets
        // were listed earlier, and a user whose tab arrived meanwhile within its grace is
        // announced to nobody (a user arriving later for the first time is: "user joined")
        context.presence().online().forEach(user -> users.putIfAbsent(user.key(), user.nickname().display()));
        users.putIfAbsent(me.key(), me.nickname().display());
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("nickname", me.nickname().display());
        session.put("rooms", rooms);
        session.put("roomList", context.store().rooms());
        session.put("users", List.copyOf(users.values()));
        socket.emit("session", session);
        if (!socket.recovered()) {
            // a recovered socket (connection state recovery) was sent what it missed already,
            // as the same packets it would have had live: the tutorial's "if (!socket.recovered)"
            socket.emit("history", ChatContext.json(history(me, rooms)));
        }
        if (arrival == Presence.Arrival.FIRST && !otherTab && socket.connected()) {
            socket.broadcast().emit("user joined", Map.of("nickname", me.nickname().display()));
        }
    }

    private List<ChatMessage> history(ChatUser me, List<String> rooms) {
        Object offset = socket.handshake().auth().get("serverOffset");
        if (offset instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return context.store().since(number.longValue(), rooms, me.key(), ChatContext.MAX_MISSED);
        }
        return context.store().lastVisible(rooms, me.key(), ChatContext.HISTORY);
    }

    private void left(ChatUser me) {
        context.presence().leave(me, () -> gone(me));
    }

    /** The grace is over and no tab of the user came back here: gone, unless it has tabs on other servers. */
    private void gone(ChatUser me) {
        context.chat().in(me.room()).fetchSockets().whenComplete((sockets, error) -> {
            if (error == null && sockets.isEmpty()) {
                context.presence().ifStillGone(me, () -> {
                    context.limiter().forget(me.key());
                    context.chat().emit("user left", Map.of("nickname", me.nickname().display()));
                });
            }
        });
    }
}
