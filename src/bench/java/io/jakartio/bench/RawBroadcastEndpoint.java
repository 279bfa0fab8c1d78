package io.jakartio.bench;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/**
 * The floor of the fan-out benchmark: a plain JSR-356 broadcast with no Socket.IO at all. Every
 * text frame received at {@code /raw} is sent, as is, to every open session of this endpoint,
 * the way an application would write it with the standard API (a blocking send per session,
 * sessions locked so that two broadcasts never write one session at once).
 */
@ServerEndpoint("/raw")
public class RawBroadcastEndpoint {

    @OnMessage
    public void onMessage(String text, Session sender) {
        for (Session session : sender.getOpenSessions()) {
            synchronized (session) {
                try {
                    if (session.isOpen()) {
                        session.getBasicRemote().sendText(text);
                    }
                } catch (IOException | IllegalStateException e) {
                    // a client that went away: the others still get the frame
                }
            }
        }
    }

    /**
     * A client that leaves without a close frame is an I/O error here: expected under load, not
     * worth a stack trace per client in the server's log (Jakartio's endpoint ignores it too).
     */
    @OnError
    public void onError(Session session, Throwable error) {
        if (!(error instanceof IOException)) {
            System.getLogger(RawBroadcastEndpoint.class.getName()).log(System.Logger.Level.WARNING, "raw endpoint error", error);
        }
    }
}
