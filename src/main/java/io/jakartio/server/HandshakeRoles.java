package io.jakartio.server;

import io.jakartio.engine.EngineRequest;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A handshake's roles: those declared roles the container put the user of the connection's
 * first request in. A read-only view of that request, which the session keeps anyway (as
 * {@link HandshakeHeaders} is): a socket holds this one small object, and the sockets of
 * connections nobody logged in to share one.
 */
final class HandshakeRoles extends AbstractSet<String> {

    private final EngineRequest request;
    private final DeclaredRoles declared;

    /**
     * @param request the connection's first request, or {@code null} when nobody logged in
     * @param declared the server's declared roles
     */
    HandshakeRoles(EngineRequest request, DeclaredRoles declared) {
        this.request = request;
        this.declared = declared;
    }

    /** Answers as {@link DeclaredRoles#isUserInRole}: logs once about a role nobody declared. */
    boolean isUserInRole(String role) {
        return declared.isUserInRole(request, role);
    }

    @Override
    public boolean contains(Object value) {
        return request != null && value instanceof String role && declared.all().contains(role)
                && request.isUserInRole(role);
    }

    @Override
    public Iterator<String> iterator() {
        return granted().iterator();
    }

    @Override
    public int size() {
        return granted().size();
    }

    private List<String> granted() {
        List<String> granted = new ArrayList<>();
        if (request != null) {
            for (String role : declared.all()) {
                if (request.isUserInRole(role)) {
                    granted.add(role);
                }
            }
        }
        return List.copyOf(granted);
    }
}
