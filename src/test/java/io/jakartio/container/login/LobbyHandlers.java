package io.jakartio.container.login;

import io.jakartio.cdi.OnEvent;
import io.jakartio.cdi.SocketNamespace;
import io.jakartio.server.Handshake;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The main namespace of {@code LoginIT}'s application: anyone the container let through its
 * security constraint connects; {@code whoami} answers who the handshake says is connected;
 * {@code wipe} is for admins only.
 */
@ApplicationScoped
@SocketNamespace("/")
@DeclareRoles({"reader", "admin"})
public class LobbyHandlers {

    /**
     * @param handshake the connection's handshake
     * @return the user's name, the declared roles it is in, and the HTTP session id ({@code null} values when absent)
     */
    @OnEvent("whoami")
    Map<String, Object> whoami(Handshake handshake) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", handshake.principal() == null ? null : handshake.principal().getName());
        me.put("roles", List.copyOf(new TreeSet<>(handshake.roles())));
        me.put("reader", handshake.isUserInRole("reader"));
        me.put("admin", handshake.isUserInRole("admin"));
        me.put("session", handshake.httpSessionId());
        return me;
    }

    /** @return {@code "wiped"}, for an admin; others get an error acknowledgement */
    @OnEvent("wipe")
    @RolesAllowed("admin")
    String wipe() {
        return "wiped";
    }
}
