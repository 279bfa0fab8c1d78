package io.jakartio.chat;

import io.jakartio.server.ConnectError;
import io.jakartio.server.Middleware;
import io.jakartio.server.Namespace;
import io.jakartio.server.Next;
import io.jakartio.server.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The full chat's connection middleware: the CONNECT {@code auth} payload must name a valid
 * nickname and a userId, and the nickname must not be taken, that is online under another
 * userId: on any server of the cluster, or within its leave grace on this one ({@link Presence}).
 * Refusals are {@code connect_error}s whose message is one of {@code "nickname required"},
 * {@code "nickname too long"}, {@code "nickname invalid"}, {@code "nickname taken"},
 * {@code "userId required"}. A socket let through has its {@link ChatUser} in
 * {@code socket.data}, spelled as the user is already online: a second tab asking for
 * {@code "alice"} while {@code "Alice"} is online is {@code "Alice"}.
 *
 * <pre>{@code
 * io.of("/chat").use(new ChatAuth(io.of("/chat"), presence));
 * // client: io("/chat", { auth: { nickname: "Alice", userId: "b1f3..." } })
 * }</pre>
 *
 * <p>The "taken" check asks the cluster ({@code fetchSockets}) and completes on the thread that
 * answers; the nickname is then claimed on this server ({@link Presence#claim}), so two browsers
 * asking for one nickname at the same instant on one server cannot both get in (on two servers
 * of a cluster they can), and two tabs connecting at the same instant under two spellings may
 * keep them.
 */
final class ChatAuth implements Middleware {

    private final Namespace chat;
    private final Presence presence;

    /**
     * @param chat the full chat's namespace
     * @param presence who is online on this server, including users within their leave grace
     */
    ChatAuth(Namespace chat, Presence presence) {
        this.chat = chat;
        this.presence = presence;
    }

    @Override
    public void handle(Socket socket, Next next) {
        ChatUser asked;
        try {
            asked = ChatUser.fromAuth(socket.handshake().auth());
        } catch (ChatException e) {
            next.fail(new ConnectError(e.getMessage()));
            return;
        }
        chat.in(asked.room()).fetchSockets().whenComplete((sockets, error) -> {
            if (error != null) {
                next.fail(new ConnectError("server error"));
                return;
            }
            List<ChatUser> online = new ArrayList<>();
            sockets.forEach(other -> ChatUser.of(other).ifPresent(online::add));
            presence.lingering(asked.key()).ifPresent(online::add);
            for (ChatUser other : online) {
                if (!asked.userId().equals(other.userId())) {
                    next.fail(new ConnectError("nickname taken"));
                    return;
                }
            }
            if (!presence.claim(asked)) { // another browser passed this check for it an instant ago
                next.fail(new ConnectError("nickname taken"));
                return;
            }
            ChatUser user = online.isEmpty() ? asked : asked.spelled(online.get(0).nickname());
            user.attachTo(socket);
            next.proceed();
        });
    }
}
