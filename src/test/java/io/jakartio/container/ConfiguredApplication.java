package io.jakartio.container;

import io.jakartio.cdi.SocketIoConfiguration;
import io.jakartio.cdi.SocketNamespace;
import io.jakartio.engine.AllowRequest;
import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.RequestRejectedException;
import io.jakartio.server.ConnectError;
import io.jakartio.server.Middleware;
import io.jakartio.server.Next;
import io.jakartio.server.ServerOptions;
import io.jakartio.server.Socket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * The beans of the application {@link ConfigurationIT} deploys, configured with code as well as
 * with keys: options produced in code, an observer of the configuration, a handshake check and a
 * namespace's middleware.
 */
final class ConfiguredApplication {

    private ConfiguredApplication() {
    }

    /** Options made in code; web.xml and microprofile-config.properties override some. */
    @ApplicationScoped
    public static class Options {
        @Produces
        ServerOptions options() {
            return ServerOptions.builder()
                    .engine(engine -> engine.pingInterval(Duration.ofMillis(11_111)).maxHttpBufferSize(50_000))
                    .build();
        }
    }

    /** Has the last word: no upgrades. */
    @ApplicationScoped
    public static class NoUpgrades {
        void configure(@Observes SocketIoConfiguration config) {
            config.options().engine(engine -> engine.allowUpgrades(false));
        }
    }

    /** Refuses handshakes that carry {@code X-Refuse}. */
    @ApplicationScoped
    public static class RefuseMarked implements AllowRequest {
        @Override
        public void check(EngineRequest request) throws RequestRejectedException {
            if (request.header("X-Refuse") != null) {
                throw new RequestRejectedException("refused by a bean");
            }
        }
    }

    /** Guards {@code /guarded}: nobody gets in. */
    @ApplicationScoped
    @SocketNamespace("/guarded")
    public static class Guard implements Middleware {
        @Override
        public void handle(Socket socket, Next next) {
            next.fail(new ConnectError("guarded by a bean"));
        }
    }
}
