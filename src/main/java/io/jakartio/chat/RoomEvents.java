package io.jakartio.chat;

import io.jakartio.server.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A socket's rooms: {@code join room} (creating it if new, for every tab of the user, acked
 * with the room's last 50 messages), {@code leave room} (every tab; not {@code general}), each
 * followed by {@code rooms} {@code { rooms }} to every tab of the user (its rooms now:
 * {@code general}, then the others sorted), and the volatile {@code typing} /
 * {@code stop typing} notices to the room's other members.
 *
 * <pre>{@code
 * // client
 * socket.emit("join room", { room: "random" }, ({ ok, room, history, error }) => ...);
 * socket.on("rooms", ({ rooms }) => ...);              // every tab: ["general", "random", ...]
 * socket.emit("typing", { room: "random" });
 * }</pre>
 */
final class RoomEvents {

    private final ChatContext context;
    private final Socket socket;
    private final ChatUser me;

    RoomEvents(ChatContext context, Socket socket, ChatUser me) {
        this.context = context;
        this.socket = socket;
        this.me = me;
    }

    void register() {
        socket.on("join room", args -> EventArgs.of(args).run(this::join));
        socket.on("leave room", args -> EventArgs.of(args).run(this::leave));
        socket.on("typing", args -> typing("typing", args));
        socket.on("stop typing", args -> typing("stop typing", args));
    }

    private Map<String, Object> join(EventArgs event) {
        String room = RoomName.of(event.field("room"));
        if (context.store().createRoom(room)) {
            context.chat().emit("room created", Map.of("room", room));
        }
        context.chat().in(me.room()).socketsJoin(RoomName.socketRoom(room));
        socket.join(RoomName.socketRoom(room)); // this socket at once, whatever the adapter
        tellTabs();
        return EventArgs.ok("room", room, "history", ChatContext.json(context.store().roomHistory(room, ChatContext.HISTORY)));
    }

    private Map<String, Object> leave(EventArgs event) {
        String room = RoomName.of(event.field("room"));
        if (RoomName.GENERAL.equals(room)) {
            throw new ChatException("cannot leave general");
        }
        context.chat().in(me.room()).socketsLeave(RoomName.socketRoom(room));
        socket.leave(RoomName.socketRoom(room));
        tellTabs();
        return EventArgs.ok("room", room);
    }

    /** Tells every tab of the user its rooms now, as this socket is in them: the other tabs' lists follow. */
    private void tellTabs() {
        List<String> rooms = new ArrayList<>();
        for (String socketRoom : socket.rooms()) {
            String name = RoomName.fromSocketRoom(socketRoom);
            if (name != null && !RoomName.GENERAL.equals(name)) {
                rooms.add(name);
            }
        }
        Collections.sort(rooms);
        rooms.add(0, RoomName.GENERAL);
        context.chat().to(me.room()).emit("rooms", Map.of("rooms", rooms));
    }

    /** Tells the room's other members; a bad room, or one the socket is not in, is ignored. */
    private void typing(String event, Object[] args) {
        String room;
        try {
            room = RoomName.of(EventArgs.of(args).field("room"));
        } catch (ChatException e) {
            return;
        }
        if (socket.rooms().contains(RoomName.socketRoom(room))) {
            socket.to(RoomName.socketRoom(room)).asVolatile()
                    .emit(event, Map.of("room", room, "nickname", me.nickname().display()));
        }
    }
}
