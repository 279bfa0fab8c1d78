package io.jakartio.it;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The full chat's servers of a test run, one per {@link ChatDatabase}, each started on first
 * use and closed when the run ends (they live in the root {@link ExtensionContext.Store}, as
 * {@link Deployments} do). Test classes get them as a parameter through {@link Resolver}.
 */
final class FullChatServers implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FullChatServers.class);

    private final Map<ChatDatabase, FullChatServer> started = new EnumMap<>(ChatDatabase.class);

    /** @return the server on {@code database}, started if it is the first use */
    synchronized FullChatServer get(ChatDatabase database) {
        return started.computeIfAbsent(database, db -> FullChatServer.start(db.open()));
    }

    @Override
    public synchronized void close() {
        started.values().forEach(FullChatServer::close);
        started.clear();
    }

    /** Resolves {@link FullChatServers} parameters: one instance for the whole run. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == FullChatServers.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(FullChatServers.class, key -> new FullChatServers(), FullChatServers.class);
        }
    }
}
