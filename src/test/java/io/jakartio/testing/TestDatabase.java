package io.jakartio.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for one test class: a fresh H2 in-memory database, or a fresh schema
 * (dropped by {@link #close()}) in the PostgreSQL 15 on 127.0.0.1:5432 (trust authentication,
 * database {@code test}, user {@code postgres}; {@code .ci/run} starts it when it is down), its
 * connections reused as a container's pool would.
 *
 * <pre>{@code
 * try (TestDatabase database = TestDatabase.postgres()) {
 *     ChatStore store = new ChatStore(database.dataSource());
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {

    /** Where the tests' PostgreSQL listens. */
    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String label;
    private final DataSource dataSource;
    private final Runnable drop;

    private TestDatabase(String label, DataSource dataSource, Runnable drop) {
        this.label = label;
        this.dataSource = dataSource;
        this.drop = drop;
    }

    /** @return a new, empty H2 in-memory database, kept until {@link #close()} */
    public static TestDatabase h2() {
        String name = "chat_" + UUID.randomUUID().toString().replace("-", "");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return new TestDatabase("H2", dataSource, () -> execute(dataSource, "SHUTDOWN"));
    }

    /**
     * @return a new, empty schema in the local PostgreSQL, the data source's current schema
     * @throws IllegalStateException if PostgreSQL does not answer (with how to start it)
     */
    public static TestDatabase postgres() {
        String schema = "chat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource admin = postgresDataSource();
        try {
            execute(admin, "CREATE SCHEMA " + schema);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("PostgreSQL does not answer at " + POSTGRES_URL + " as user postgres; start it "
                    + "with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
        PGSimpleDataSource direct = postgresDataSource();
        direct.setCurrentSchema(schema);
        ReusedConnections dataSource = new ReusedConnections(direct);
        return new TestDatabase("PostgreSQL", dataSource, () -> {
            dataSource.close();
            execute(admin, "DROP SCHEMA " + schema + " CASCADE");
        });
    }

    private static PGSimpleDataSource postgresDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(POSTGRES_URL);
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(5);
        return dataSource;
    }

    /** @return the database */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs SQL statements, for tests that change the data behind the store's back.
     *
     * @param sql the statements
     */
    public void execute(String... sql) {
        for (String statement : sql) {
            execute(dataSource, statement);
        }
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        drop.run();
    }

    @Override
    public String toString() {
        return label;
    }
}
