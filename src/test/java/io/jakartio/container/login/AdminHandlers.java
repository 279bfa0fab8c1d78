package io.jakartio.container.login;

import io.jakartio.cdi.OnEvent;
import io.jakartio.cdi.SocketNamespace;
import io.jakartio.server.Handshake;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code /admin} namespace of {@code LoginIT}'s application: admins only. */
@ApplicationScoped
@SocketNamespace("/admin")
@RolesAllowed("admin")
public class AdminHandlers {

    /** @return the connected admin's name */
    @OnEvent("whoami")
    String whoami(Handshake handshake) {
        return handshake.principal().getName();
    }
}
