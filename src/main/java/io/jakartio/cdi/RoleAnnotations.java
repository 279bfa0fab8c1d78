package io.jakartio.cdi;

import io.jakartio.server.Roles;
import io.jakartio.server.Server;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;

/**
 * Reads the Jakarta Annotations security annotations of a handler class and its methods into
 * {@link Roles} checks, and declares the roles they name to the server (the container is asked
 * about declared roles only, when a connection is made).
 *
 * <p>On a {@link SocketNamespace} class, {@code @RolesAllowed} / {@code @DenyAll} guard the
 * namespace's connections and every {@link OnEvent} method of the class; on an {@code @OnEvent}
 * method, {@code @RolesAllowed}, {@code @PermitAll} or {@code @DenyAll} replace the class's
 * check for that event (as method-level annotations do in Jakarta EE), which can only narrow who
 * sends it: a user refused at connection never reaches an event. {@code @DeclareRoles} on the
 * class declares roles for handlers that call {@code handshake.isUserInRole} themselves.
 */
final class RoleAnnotations {

    private RoleAnnotations() {
    }

    /**
     * Declares the class's {@code @DeclareRoles} and returns the check of its
     * {@code @RolesAllowed} / {@code @DenyAll}.
     *
     * @return the class's check, or {@code null} for none ({@code @PermitAll}, or no annotation)
     * @throws IllegalArgumentException if the class has more than one of them
     */
    static Roles ofClass(Server io, Class<?> type) {
        DeclareRoles declared = type.getAnnotation(DeclareRoles.class);
        if (declared != null && declared.value().length > 0) {
            io.declareRoles(declared.value());
        }
        return read(io, type, type.getName());
    }

    /**
     * @param classRoles the check of the method's class, or {@code null}
     * @return the check of an {@link OnEvent} method: its own annotation's, else the class's
     *     ({@code null} for none)
     * @throws IllegalArgumentException if the method has more than one of them
     */
    static Roles ofEvent(Server io, Method method, Roles classRoles) {
        if (!annotated(method)) {
            return classRoles;
        }
        return read(io, method, describe(method));
    }

    /**
     * @throws IllegalArgumentException if an {@link OnConnect} or {@link OnDisconnect} method
     *     carries a security annotation: it would suggest a check that cannot be made there
     */
    static void refuseOnLifecycleMethod(Method method) {
        if (annotated(method)) {
            throw new IllegalArgumentException("@RolesAllowed, @PermitAll and @DenyAll do not apply to "
                    + describe(method) + ": annotate its class to guard the namespace's connections, or an "
                    + "@OnEvent method to guard an event");
        }
    }

    private static boolean annotated(AnnotatedElement element) {
        return element.isAnnotationPresent(RolesAllowed.class) || element.isAnnotationPresent(PermitAll.class)
                || element.isAnnotationPresent(DenyAll.class);
    }

    private static Roles read(Server io, AnnotatedElement element, String name) {
        RolesAllowed allowed = element.getAnnotation(RolesAllowed.class);
        boolean permitAll = element.isAnnotationPresent(PermitAll.class);
        boolean denyAll = element.isAnnotationPresent(DenyAll.class);
        if ((allowed != null ? 1 : 0) + (permitAll ? 1 : 0) + (denyAll ? 1 : 0) > 1) {
            // Jakarta Annotations: they are mutually exclusive on one element
            throw new IllegalArgumentException(name + " has more than one of @RolesAllowed, @PermitAll and @DenyAll");
        }
        if (denyAll || (allowed != null && allowed.value().length == 0)) {
            return Roles.denyAll(); // @RolesAllowed({}): no role may pass
        }
        return allowed == null ? null : Roles.allowed(io, allowed.value());
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }
}
