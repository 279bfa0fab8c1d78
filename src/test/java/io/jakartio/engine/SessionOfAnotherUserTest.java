package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session that a logged-in user opened speaks only for that user: a poll, a POST or an upgrade
 * naming its id from another user, or from nobody, is refused with 403 and the session goes on;
 * sessions opened anonymously are not tied to anyone.
 */
class SessionOfAnotherUserTest {

    private static final String OTHER_USER = "{\"code\":4,\"message\":\"Session of another user\"}";

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();
    private final RecordingListener listener = new RecordingListener();

    /** A polling session opened by {@code user}; returns its id. */
    private String sessionOf(String user) {
        engine.server().addListener(listener);
        RecordingExchange open = engine.request(FakeRequest.pollingGet().user(user));
        assertEquals(200, open.status(), open::body);
        String sid = EngineHarness.sidOf(open.body());
        engine.handler.assertOpen();
        return sid;
    }

    @Test
    void aPollOrAPostFromAnotherUserIsRefusedAndTheSessionGoesOn() {
        String sid = sessionOf("alice");

        engine.request(FakeRequest.pollingGet().sid(sid).user("mallory")).assertError(403, OTHER_USER);
        ConnectionError error = listener.assertOneError(4);
        assertEquals(Map.of("name", "USER_MISMATCH", "sid", sid), error.context());
        engine.request(FakeRequest.pollingPost().sid(sid).user("mallory").body("4evil")).assertError(403, OTHER_USER);
        listener.assertOneError(4);

        engine.send(sid, "for alice");
        engine.request(FakeRequest.pollingGet().sid(sid).user("alice")).assertOk("4for alice");
        engine.request(FakeRequest.pollingPost().sid(sid).user("alice").body("4from alice")).assertOk("ok");
        engine.handler.assertMessage(engine.socket(sid), "from alice");
    }

    @Test
    void aRequestWithoutALoginForAUsersSessionIsRefused() {
        String sid = sessionOf("alice");

        engine.request(FakeRequest.pollingGet().sid(sid)).assertError(403, OTHER_USER);
        listener.assertOneError(4);
        assertTrue(engine.socket(sid).isOpen());
    }

    @Test
    void anUpgradeFromAnotherUserIsRefusedBeforeTheHandshake() {
        String sid = sessionOf("alice");

        WebSocketHandshake handshake = engine.handshakeWebSocket(FakeRequest.webSocket().sid(sid).user("mallory"));

        WebSocketHandshake.Refused refused = assertInstanceOf(WebSocketHandshake.Refused.class, handshake);
        assertEquals(403, refused.response().status());
        assertEquals(OTHER_USER, refused.response().bodyText());
        listener.assertOneError(4);
        assertEquals(TransportType.POLLING, engine.socket(sid).transport());
        engine.send(sid, "still alice's");
        engine.request(FakeRequest.pollingGet().sid(sid).user("alice")).assertOk("4still alice's");
    }

    @Test
    void theSameUserUpgradesAsUsual() {
        String sid = sessionOf("alice");
        RecordingExchange poll = engine.request(FakeRequest.pollingGet().sid(sid).user("alice"));

        FakeWebSocket probe = engine.webSocket(FakeRequest.webSocket().sid(sid).user("alice"));
        probe.receive("2probe");
        probe.assertFrames("3probe");
        engine.scheduler.advance(Upgrade.RELEASE_DELAY); // the NOOP comes with the upgrade check, as the reference server's
        poll.assertOk("6");
        probe.receive("5");

        assertEquals(TransportType.WEBSOCKET, engine.socket(sid).transport());
    }

    @Test
    void anAnonymousSessionIsNotTiedToAnyone() {
        engine.server().addListener(listener);
        String sid = engine.handshake();

        engine.send(sid, "hello");
        engine.request(FakeRequest.pollingGet().sid(sid).user("bob")).assertOk("4hello");
        listener.assertNoErrors();
    }
}
