package io.jakartio.chat;

import io.jakartio.server.ConnectError;
import io.jakartio.server.Middleware;
import io.jakartio.server.Namespace;
import io.jakartio.server.Next;
import io.jakartio.server.RemoteSocket;
import io.jakartio.server.Socket;

/**
 * The full chat's connection middleware: the CONNECT {@code auth} payload must name a valid
 * nickname and a userId, and the nickname must not be taken, that is online (on any server of
 * the cluster) under another userId. Refusals are {@code connect_error}s whose message is one of
 * {@code "nickname required"}, {@code "nickname too long"}, {@code "nickname invalid"},
 * {@code "nickname taken"}, {@code "userId required"}. A socket let through has its
 * {@link ChatUser} in {@code socket.data}.
 *
 * <pre>{@code
 * io.of("/chat").use(new ChatAuth(io.of("/chat")));
 * // client: io("/chat", { auth: { nickname: "Alice", userId: "b1f3..." } })
 * }</pre>
 *
 * <p>The "taken" check asks the cluster ({@code fetchSockets}) and completes on the thread that
 * answers; two browsers claiming one nickname at the same instant may both get in.
 */
final class ChatAuth implements Middleware {

    private final Namespace chat;

    /** @param chat the full chat's namespace */
    ChatAuth(Namespace chat) {
        this.chat = chat;
    }

    @Override
    public void handle(Socket socket, Next next) {
        ChatUser user;
        try {
            user = ChatUser.fromAuth(socket.handshake().auth());
        } catch (ChatException e) {
            next.fail(new ConnectError(e.getMessage()));
            return;
        }
        chat.in(user.room()).fetchSockets().whenComplete((sockets, error) -> {
            if (error != null) {
                next.fail(new ConnectError("server error"));
                return;
            }
            for (RemoteSocket other : sockets) {
                if (!user.userId().equals(other.data().get(ChatUser.USER_ID))) {
                    next.fail(new ConnectError("nickname taken"));
                    return;
                }
            }
            user.attachTo(socket);
            next.proceed();
        });
    }
}
