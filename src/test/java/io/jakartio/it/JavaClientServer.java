package io.jakartio.it;

import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.engine.Scheduler;
import io.jakartio.server.Server;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import io.socket.client.IO;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * A server of a test's own in an embedded Tomcat, for the official Java client, with one HTTP
 * client shared by every socket of the test (the Java client otherwise makes one per socket).
 *
 * <pre>{@code
 * JavaClientServer server = JavaClientServer.start("blocking-handler", scheduler -> new Server(options, scheduler));
 * IO.Options options = server.options(); // forceNew, the shared HTTP client
 * Socket socket = IO.socket(URI.create(server.url()), options);
 * server.close();
 * }</pre>
 */
final class JavaClientServer implements AutoCloseable {

    private final ExecutorScheduler scheduler;
    private final Server io;
    private final EmbeddedTomcat tomcat;
    private final OkHttpClient http;

    private JavaClientServer(ExecutorScheduler scheduler, Server io, EmbeddedTomcat tomcat, OkHttpClient http) {
        this.scheduler = scheduler;
        this.io = io;
        this.tomcat = tomcat;
        this.http = http;
    }

    /**
     * @param name the scheduler thread's name
     * @param server makes the server, on the scheduler it is given
     * @return the server, registered in a started Tomcat on a free port
     */
    static JavaClientServer start(String name, Function<Scheduler, Server> server) {
        ExecutorScheduler scheduler = new ExecutorScheduler(name);
        Server io = server.apply(scheduler);
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io));
        return new JavaClientServer(scheduler, io, tomcat, new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build());
    }

    Server io() {
        return io;
    }

    String url() {
        return tomcat.url();
    }

    int port() {
        return tomcat.port();
    }

    /** @return options for a new connection ({@code forceNew}) through the shared HTTP client */
    IO.Options options() {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.callFactory = http;
        options.webSocketFactory = http;
        return options;
    }

    @Override
    public void close() {
        tomcat.close();
        io.close();
        scheduler.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
