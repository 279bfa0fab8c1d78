package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jakartio.server.ServerOptions;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reflective bridge to MicroProfile Config, against the test stand-in of its API
 * ({@code org.eclipse.microprofile.config} in the test sources), which reads the
 * {@code META-INF/microprofile-config.properties} its class loader sees, as implementations do.
 */
class MicroProfileConfigSourceTest {

    @TempDir
    Path application;

    /** A class loader seeing the test classpath (the API) and an application's properties file. */
    private URLClassLoader applicationWith(String file, String content) throws IOException {
        Path metaInf = Files.createDirectories(application.resolve("META-INF"));
        Files.writeString(metaInf.resolve(file), content);
        return new URLClassLoader(new URL[] {application.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void theApplicationsMicroProfileConfigPropertiesAreRead() throws IOException {
        try (URLClassLoader loader = applicationWith("microprofile-config.properties",
                "jakartio.pingInterval=7000\njakartio.redis.uri=redis://127.0.0.1:6379\n")) {
            Function<String, String> source = MicroProfileConfigSource.open(loader);
            assertEquals("7000", source.apply("jakartio.pingInterval"));
            assertEquals("redis://127.0.0.1:6379", source.apply("jakartio.redis.uri"));
            assertNull(source.apply("jakartio.pingTimeout"));
        }
    }

    @Test
    void withoutMicroProfileConfigNothingIsReadAndNothingFails() {
        // Tomcat: the API is not there at all
        ClassLoader tomcat = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
        assertNull(MicroProfileConfigSource.open(tomcat).apply("jakartio.pingInterval"));
    }

    @Test
    void anApiWithoutAnImplementationIsPassedOverWithAWarning() throws IOException {
        try (URLClassLoader loader = applicationWith("microprofile-config.broken", "")) {
            assertNull(MicroProfileConfigSource.open(loader).apply("jakartio.pingInterval"));
        }
    }

    @Test
    void theContainersConfigurationUsesTheContextClassLoadersMicroProfileConfig() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = applicationWith("microprofile-config.properties",
                "jakartio.connectTimeout=3000\njakartio.path=/live\njakartio.websocket=jsr356\n")) {
            thread.setContextClassLoader(loader); // as the container sets it while an application starts
            SocketIoConfig config = SocketIoConfig.of(name -> "jakartio.connectTimeout".equals(name) ? "9000" : null);
            ServerOptions options = config.over(ServerOptions.defaults()).build();
            assertEquals(Duration.ofSeconds(3), options.connectTimeout(), "MicroProfile Config wins over context parameters");
            assertEquals("/live/", options.path());
            assertEquals("/live/", SocketIoConfig.path(), "read before the servlet context exists");
            assertEquals(WebSocketMode.JSR356, SocketIoConfig.websocketMode());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
