package io.jakartio.server;

import io.jakartio.engine.EngineRequest;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roles a server asks the container about, and the answer to {@code isUserInRole} for a
 * role nobody declared. The container answers {@code isUserInRole} only while it serves a
 * request, so the bindings ask it, when they take a handshake's snapshot, about the roles
 * declared then; about any other role the snapshot knows nothing. Such a role answers
 * {@code false}, the answer a container gives for a role it does not know, and the first time
 * each such role is asked about the server logs how to declare it: a handler that checks a role
 * it never declared would otherwise refuse everyone in silence.
 */
final class DeclaredRoles {

    private final Set<String> declared;
    private final System.Logger log;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /** The roles of every handshake nobody logged in to: shared, never in a role. */
    private final HandshakeRoles nobody = new HandshakeRoles(null, this);

    /** @param declared the declared roles, a live thread-safe view ({@code EngineServer.declaredRoles()}) */
    DeclaredRoles(Set<String> declared) {
        this(declared, System.getLogger(DeclaredRoles.class.getName()));
    }

    /**
     * @param declared the declared roles, a live thread-safe view
     * @param log where the warning about a role nobody declared goes
     */
    DeclaredRoles(Set<String> declared, System.Logger log) {
        this.declared = declared;
        this.log = log;
    }

    /** @return the declared roles (a live view) */
    Set<String> all() {
        return declared;
    }

    /**
     * @param request the first request of a connection
     * @return the roles of its handshake
     */
    HandshakeRoles of(EngineRequest request) {
        return request.principal() == null ? nobody : new HandshakeRoles(request, this);
    }

    /**
     * Answers {@code isUserInRole} for a request.
     *
     * @param request the first request of a connection, or {@code null} if nobody logged in
     * @param role the role
     * @return what the container said, or {@code false} for a role nobody declared
     */
    boolean isUserInRole(EngineRequest request, String role) {
        if (!declared.contains(role)) {
            if (warned.add(role)) {
                log.log(Level.WARNING, "isUserInRole(\"" + role + "\") answers false: the role was never declared, "
                        + "so the container was not asked about it when the connection was made. Declare it "
                        + "before clients connect: io.declareRoles(\"" + role + "\"), or @DeclareRoles / "
                        + "@RolesAllowed on a @SocketNamespace class");
            }
            return false;
        }
        return request != null && request.isUserInRole(role);
    }
}
