package io.jakartio.jsr356;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Remembers the client address of a WebSocket upgrade request for the duration of that request,
 * so that {@code socket.handshake().address()} is known for WebSocket connections too: the
 * JSR-356 handshake API does not expose it, but containers call {@code modifyHandshake} on the
 * thread serving the upgrade request, between these listener callbacks.
 */
@WebListener
public class UpgradeRequestAddress implements ServletRequestListener {

    // A thread-local, not shared state: it only carries a value from requestInitialized to the
    // handshake on the same thread, and is cleared when the request ends.
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        ServletRequest request = event.getServletRequest();
        if (request instanceof HttpServletRequest http && "websocket".equalsIgnoreCase(http.getHeader("Upgrade"))) {
            CURRENT.set(request.getRemoteAddr());
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        CURRENT.remove();
    }

    /** @return the address of the upgrade request being served on this thread, or empty */
    static String current() {
        String address = CURRENT.get();
        return address == null ? "" : address;
    }
}
