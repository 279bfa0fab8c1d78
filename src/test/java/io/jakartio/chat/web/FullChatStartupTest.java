package io.jakartio.chat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which DataSource the chat WAR takes from JNDI: the configured name, else the defaults in order. */
class FullChatStartupTest {

    private static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    private final DataSource defaultDataSource = new JdbcDataSource();
    private final DataSource tomcatDataSource = new JdbcDataSource();

    @BeforeEach
    void useTheTestsNaming() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, Naming.class.getName());
    }

    @AfterEach
    void restoreNaming() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        BOUND.clear();
    }

    @Test
    void theContainersDefaultDataSourceComesFirst() {
        BOUND.put("java:comp/DefaultDataSource", defaultDataSource);
        BOUND.put("java:comp/env/jdbc/chat", tomcatDataSource);

        FullChatStartup.Found found = FullChatStartup.dataSource(Optional.empty()).orElseThrow();

        assertEquals("java:comp/DefaultDataSource", found.name());
        assertSame(defaultDataSource, found.dataSource());
    }

    @Test
    void withoutADefaultTheTomcatFlavoursJdbcChatIsTaken() {
        BOUND.put("java:comp/env/jdbc/chat", tomcatDataSource);

        assertSame(tomcatDataSource, FullChatStartup.dataSource(Optional.empty()).orElseThrow().dataSource());
    }

    @Test
    void withNeitherTheChatIsLeftOut() {
        assertTrue(FullChatStartup.dataSource(Optional.empty()).isEmpty());
    }

    @Test
    void aConfiguredNameWinsOverTheDefaults() {
        DataSource postgres = new JdbcDataSource();
        BOUND.put("java:comp/DefaultDataSource", defaultDataSource);
        BOUND.put("java:global/jdbc/chat", postgres);

        assertSame(postgres, FullChatStartup.dataSource(Optional.of("java:global/jdbc/chat")).orElseThrow().dataSource());
    }

    @Test
    void aConfiguredNameThatIsNotADataSourceFailsTheDeploymentNamingTheKey() {
        BOUND.put("java:comp/DefaultDataSource", defaultDataSource);
        BOUND.put("java:global/not-a-data-source", "a string");

        for (String name : new String[] {"java:global/missing", "java:global/not-a-data-source"}) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> FullChatStartup.dataSource(Optional.of(name)));
            assertTrue(error.getMessage().contains("jakartio.chat.dataSource names " + name), error.getMessage());
        }
    }

    /** A naming context over {@link #BOUND}: lookups only. */
    public static final class Naming implements InitialContextFactory {

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "lookup" -> {
                            Object bound = BOUND.get(String.valueOf(args[0]));
                            if (bound == null) {
                                throw new NameNotFoundException(String.valueOf(args[0]));
                            }
                            yield bound;
                        }
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
