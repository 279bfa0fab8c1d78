package io.jakartio.cdi;

import io.jakartio.engine.AllowRequest;
import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.RequestRejectedException;
import io.jakartio.server.ConnectError;
import io.jakartio.server.Middleware;
import io.jakartio.server.Next;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.server.Socket;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Beans of the applications that {@link ConfigurationBeansTest} runs, written as users write them. */
final class ConfigurationBeans {

    private ConfigurationBeans() {
    }

    /** Options made in code: the base the keys are laid over. */
    @ApplicationScoped
    public static class ProducedOptions {
        @Produces
        ServerOptions options() {
            return ServerOptions.builder()
                    .engine(engine -> engine.pingInterval(Duration.ofMillis(11_111)).maxHttpBufferSize(50_000))
                    .connectTimeout(Duration.ofSeconds(7))
                    .build();
        }
    }

    /** Options with their own path. */
    @ApplicationScoped
    public static class ProducedPath {
        @Produces
        ServerOptions options() {
            return ServerOptions.builder().path("/live/").build();
        }
    }

    /** A second producer, for the ambiguity a deployment must refuse. */
    @ApplicationScoped
    public static class OtherProducedOptions {
        @Produces
        ServerOptions options() {
            return ServerOptions.defaults();
        }
    }

    /** Options with a handshake hook of their own, which beans' hooks join. */
    @ApplicationScoped
    public static class OptionsWithAllowRequest {
        @Produces
        ServerOptions options() {
            return ServerOptions.builder().engine(engine -> engine.allowRequest(request -> {
                if (request.header("X-Blocked") != null) {
                    throw new RequestRejectedException("blocked by the options");
                }
            })).build();
        }
    }

    /** An observer that reads a key to decide, and has the last word. */
    @ApplicationScoped
    public static class TimeoutFromInterval {
        void configure(@Observes SocketIoConfiguration config) {
            long interval = Long.parseLong(config.value("jakartio.pingInterval").orElse("25000"));
            config.options().engine(engine -> engine.pingTimeout(Duration.ofMillis(interval * 2)).allowUpgrades(false));
        }
    }

    /** A handshake check as a bean. */
    @ApplicationScoped
    public static class ApiKeyCheck implements AllowRequest {
        @Override
        public void check(EngineRequest request) throws RequestRejectedException {
            if (!"k-123".equals(request.header("X-Api-Key"))) {
                throw new RequestRejectedException("missing API key");
            }
        }
    }

    /** The trail of middlewares a socket went through, in its data. */
    @SuppressWarnings("unchecked")
    static List<String> trail(Socket socket) {
        return (List<String>) socket.data().computeIfAbsent("trail", key -> new ArrayList<String>());
    }

    /** Main namespace, priority 20: second. */
    @ApplicationScoped
    @Priority(20)
    public static class SecondMiddleware implements Middleware {
        @Override
        public void handle(Socket socket, Next next) {
            trail(socket).add("second");
            next.proceed();
        }
    }

    /** Main namespace, priority 10: first. */
    @ApplicationScoped
    @Priority(10)
    public static class FirstMiddleware implements Middleware {
        @Override
        public void handle(Socket socket, Next next) {
            trail(socket).add("first");
            next.proceed();
        }
    }

    /** Main namespace, no priority (the default, 2500): last; dependent, and injecting the server. */
    @Dependent
    public static class LastMiddleware implements Middleware {
        @Inject
        Server io;

        @Override
        public void handle(Socket socket, Next next) {
            trail(socket).add(io == socket.nsp().server() ? "last, with the server injected" : "last, without the server");
            next.proceed();
        }
    }

    /** The admin namespace only. */
    @ApplicationScoped
    @SocketNamespace("/admin")
    public static class AdminOnly implements Middleware {
        @Override
        public void handle(Socket socket, Next next) {
            trail(socket).add("admin");
            if ("secret".equals(socket.handshake().auth().get("token"))) {
                next.proceed();
            } else {
                next.fail(new ConnectError("unauthorized"));
            }
        }
    }
}
