package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jakartio.adapter.AdapterFactory;
import io.jakartio.adapter.InMemoryAdapter;
import io.jakartio.engine.AllowRequest;
import io.jakartio.engine.CookieOptions;
import io.jakartio.engine.CorsOptions;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Keys laid over options made in code: a key that is set wins, one that is not keeps the code's value. */
class SocketIoConfigOverTest {

    private static ServerOptions over(ServerOptions base, Map<String, String> params) {
        return new SocketIoConfig(k -> null, k -> null, params::get).over(base).build();
    }

    @Test
    void keysThatAreSetWinAndTheOthersKeepTheCodesValues() {
        AllowRequest hook = request -> { };
        AdapterFactory adapter = InMemoryAdapter::new;
        UnaryOperator<Object> mapper = value -> value;
        ServerOptions base = ServerOptions.builder()
                .engine(engine -> engine.pingInterval(Duration.ofSeconds(5)).pingTimeout(Duration.ofSeconds(6))
                        .allowRequest(hook))
                .connectTimeout(Duration.ofSeconds(7)).adapter(adapter).jsonMapper(mapper).build();

        ServerOptions options = over(base, Map.of("jakartio.pingInterval", "1000"));

        assertEquals(Duration.ofSeconds(1), options.engine().pingInterval(), "the key wins");
        assertEquals(Duration.ofSeconds(6), options.engine().pingTimeout(), "no key: the code's value");
        assertEquals(Duration.ofSeconds(7), options.connectTimeout());
        assertSame(hook, options.engine().allowRequest(), "what keys cannot express is kept");
        assertSame(adapter, options.adapter());
        assertSame(mapper, options.jsonMapper());
    }

    @Test
    void withNoKeySetTheCodesOptionsAreKeptWhole() {
        ServerOptions base = ServerOptions.builder()
                .engine(engine -> engine.cors(CorsOptions.allowOrigins("https://a.example").withCredentials(true))
                        .cookie(CookieOptions.defaults().withName("lb")))
                .connectionStateRecovery(ConnectionStateRecovery.defaults()).maxAttachments(2).build();
        assertEquals(base, over(base, Map.of()));
    }

    @Test
    void onePartOfAGroupChangesThatPartOfTheCodesGroup() {
        ServerOptions base = ServerOptions.builder()
                .engine(engine -> engine.cors(CorsOptions.allowOrigins("https://a.example").withAllowedHeaders("X-A"))
                        .cookie(CookieOptions.defaults().withName("lb").withPath("/chat")))
                .connectionStateRecovery(ConnectionStateRecovery.defaults().withSkipMiddlewares(false)).build();

        ServerOptions options = over(base, Map.of(
                "jakartio.cors.credentials", "true",
                "jakartio.cookie.sameSite", "None",
                "jakartio.connectionStateRecovery.maxDisconnectionDuration", "5000"));

        assertEquals(new CorsOptions(List.of("https://a.example"), true, Duration.ofHours(24), List.of("X-A")),
                options.engine().cors());
        assertEquals(new CookieOptions("lb", "/chat", true, "None", null), options.engine().cookie());
        assertEquals(new ConnectionStateRecovery(Duration.ofSeconds(5), false), options.connectionStateRecovery());
    }

    @Test
    void newOriginsKeepTheCodesOtherCorsSettings() {
        ServerOptions base = ServerOptions.builder()
                .engine(engine -> engine.cors(CorsOptions.allowOrigins("https://a.example").withCredentials(true)
                        .withMaxAge(Duration.ofMinutes(5)))).build();
        CorsOptions cors = over(base, Map.of("jakartio.cors.origins", "https://b.example")).engine().cors();
        assertEquals(new CorsOptions(List.of("https://b.example"), true, Duration.ofMinutes(5), null), cors);
    }

    @Test
    void falseTurnsOffAGroupTheCodeTurnedOnWhateverItsPartsSay() {
        ServerOptions base = ServerOptions.builder()
                .engine(engine -> engine.cookie(CookieOptions.defaults()))
                .connectionStateRecovery(ConnectionStateRecovery.defaults()).build();
        ServerOptions options = over(base, Map.of(
                "jakartio.cookie", "false", "jakartio.cookie.name", "lb",
                "jakartio.connectionStateRecovery", "false"));
        assertNull(options.engine().cookie());
        assertNull(options.connectionStateRecovery());
    }

    @Test
    void theAdapterKeyReplacesTheCodesAdapter() {
        ServerOptions base = ServerOptions.builder().adapter(InMemoryAdapter::new).build();
        ServerOptions options = over(base, Map.of("jakartio.adapter", "labelled", "jakartio.labelled.label", "x"));
        assertEquals(new io.jakartio.adapter.LabelledAdapterProvider.LabelledFactory("x"), options.adapter());
    }
}
