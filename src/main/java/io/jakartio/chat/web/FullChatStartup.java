package io.jakartio.chat.web;

import io.jakartio.chat.FullChat;
import io.jakartio.chat.store.ChatStore;
import io.jakartio.config.SocketIoConfig;
import io.jakartio.server.Server;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Installs the full chat ({@link FullChat}) on the application's Socket.IO server when the
 * application starts, over the database found by JNDI: the name in {@value #DATA_SOURCE_KEY}
 * if set (read as every {@code jakartio.*} key: system property, environment variable
 * {@code JAKARTIO_CHAT_DATASOURCE}, MicroProfile Config, context parameter), else
 * {@value #DEFAULT_DATA_SOURCE} (Payara, WildFly: their H2), else {@value #TOMCAT_DATA_SOURCE}
 * (the Tomcat flavour's embedded H2, declared in its {@code META-INF/context.xml}).
 *
 * <pre>{@code
 * -Djakartio.chat.dataSource=java:global/jdbc/chat   # a PostgreSQL pool the server defines
 * }</pre>
 *
 * <p>A name set but not found fails the deployment; no default found leaves the full chat out
 * (logged as an error) and the seed's page working. The tables are created, if missing, on the
 * deployment thread.
 */
@ApplicationScoped
public class FullChatStartup {

    /** The key naming the chat's DataSource in JNDI. */
    public static final String DATA_SOURCE_KEY = "jakartio.chat.dataSource";
    /** The container's default DataSource (Jakarta EE). */
    public static final String DEFAULT_DATA_SOURCE = "java:comp/DefaultDataSource";
    /** The Tomcat flavour's DataSource. */
    public static final String TOMCAT_DATA_SOURCE = "java:comp/env/jdbc/chat";

    private static final System.Logger LOG = System.getLogger(FullChatStartup.class.getName());

    void started(@Observes @Initialized(ApplicationScoped.class) Object event, Server io) {
        SocketIoConfig config = event instanceof ServletContext context
                ? SocketIoConfig.of(context::getInitParameter)
                : SocketIoConfig.of(name -> null);
        Optional<Found> found = dataSource(config.value(DATA_SOURCE_KEY));
        if (found.isEmpty()) {
            LOG.log(Level.ERROR, "The full chat is off: no DataSource at " + DEFAULT_DATA_SOURCE + " or "
                    + TOMCAT_DATA_SOURCE + "; name one with " + DATA_SOURCE_KEY);
            return;
        }
        FullChat.install(io, new ChatStore(found.get().dataSource()));
        LOG.log(Level.INFO, "The full chat is on namespace {0}, its messages in {1}", FullChat.NAMESPACE,
                found.get().name());
    }

    /**
     * @param configured the name {@value #DATA_SOURCE_KEY} gives, if set
     * @return the DataSource and its name
     * @throws IllegalStateException if the configured name is not found
     */
    static Optional<Found> dataSource(Optional<String> configured) {
        InitialContext naming;
        try {
            naming = new InitialContext();
        } catch (NamingException e) {
            throw new IllegalStateException("no JNDI here: the full chat needs a DataSource", e);
        }
        if (configured.isPresent()) {
            return Optional.of(new Found(configured.get(), lookup(naming, configured.get())
                    .orElseThrow(() -> new IllegalStateException(DATA_SOURCE_KEY + " names " + configured.get()
                            + ", which is not a DataSource in JNDI"))));
        }
        for (String name : List.of(DEFAULT_DATA_SOURCE, TOMCAT_DATA_SOURCE)) {
            Optional<DataSource> dataSource = lookup(naming, name);
            if (dataSource.isPresent()) {
                return Optional.of(new Found(name, dataSource.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<DataSource> lookup(InitialContext naming, String name) {
        try {
            return naming.lookup(name) instanceof DataSource dataSource ? Optional.of(dataSource) : Optional.empty();
        } catch (NamingException e) {
            return Optional.empty();
        }
    }

    /**
     * @param name its JNDI name
     * @param dataSource the DataSource
     */
    record Found(String name, DataSource dataSource) {
    }
}
