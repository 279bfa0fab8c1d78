package io.jakartio.testing;

import java.nio.file.Path;

/**
 * The users of the test realms ({@code src/test/container-realm}): the login tests log in as them
 * to the embedded Tomcat and to the container tests' servers.
 */
public final class TestUsers {

    /** Logs in to the Socket.IO path (role {@link #READER}); not an administrator. */
    public static final String ALICE = "alice";
    /** Alice's password. */
    public static final String ALICE_PASSWORD = "alice-secret-1";
    /** In roles {@link #READER} and {@link #ADMIN}. */
    public static final String ROOT = "root";
    /** Root's password. */
    public static final String ROOT_PASSWORD = "root-secret-1";
    /** The role the security constraint on the Socket.IO path requires. */
    public static final String READER = "reader";
    /** The role the admin namespace and the guarded events require. */
    public static final String ADMIN = "admin";
    /** Tomcat's users file of the tests. */
    public static final Path TOMCAT_USERS = Path.of("src/test/container-realm/tomcat/tomcat-users.xml");

    private TestUsers() {
    }
}
