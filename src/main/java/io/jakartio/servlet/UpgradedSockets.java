package io.jakartio.servlet;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Closes the TCP connection under an upgraded servlet connection from any thread.
 *
 * <p>The Servlet API's {@code WebConnection.close()} only marks the streams closed; Tomcat
 * closes the socket at the next event it dispatches for it. From a container thread (reading,
 * writing) that comes at once; from another thread (the heartbeat's timeout, the close
 * handshake's timeout, an application calling {@code disconnect}) against a peer that went
 * silent, it never comes: the upgraded socket has no read timeout. So on Tomcat this also
 * closes the socket itself, as Tomcat's own WebSocket does ({@code SocketWrapperBase.close()},
 * safe from any thread). Other containers close the connection in {@code WebConnection.close()}.
 */
final class UpgradedSockets {

    private static final System.Logger LOG = System.getLogger(UpgradedSockets.class.getName());
    private static final String TOMCAT_STREAM = "org.apache.coyote.http11.upgrade.UpgradeServletOutputStream";

    private static volatile Field tomcatSocketField;

    private UpgradedSockets() {
    }

    /**
     * Closes the socket under the stream if the container needs it; otherwise does nothing.
     *
     * @param out the upgraded connection's output stream
     */
    static void closeSocket(Object out) {
        if (!TOMCAT_STREAM.equals(out.getClass().getName())) {
            return;
        }
        try {
            Field field = tomcatSocketField;
            if (field == null) {
                field = out.getClass().getDeclaredField("socketWrapper");
                field.setAccessible(true);
                tomcatSocketField = field;
            }
            Object socket = field.get(out);
            Method close = socket.getClass().getMethod("close");
            close.invoke(socket);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot close Tomcat's upgraded socket directly", e);
        }
    }
}
