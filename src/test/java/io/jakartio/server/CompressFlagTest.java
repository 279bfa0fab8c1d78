package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Socket.IO's {@code compress} flag reaches the transport: an event emitted after
 * {@code compress(false)} leaves as packets whose {@code compress} flag is off (sent uncompressed
 * by permessage-deflate and polling compression), for a socket's own emit and for broadcasts;
 * every other packet keeps the flag on.
 */
class CompressFlagTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    @Test
    void aSocketsEmitWithCompressFalseLeavesUncompressed() {
        FakeClient client = harness.open();
        Socket socket = harness.socket(client.connect());

        socket.compress(false).emit("raw", "jpeg");
        socket.emit("plain", "text");

        client.expect("2[\"raw\",\"jpeg\"]", "2[\"plain\",\"text\"]");
        assertEquals(List.of("42[\"raw\",\"jpeg\"]"), client.uncompressed());
    }

    @Test
    void theFlagCombinesWithTheOtherEmitterFlagsAndCoversBinaryAttachments() {
        FakeClient client = harness.open();
        Socket socket = harness.socket(client.connect());

        socket.compress(false).timeout(java.time.Duration.ofSeconds(5)).emit("blob", new byte[] {1, 2, 3}, (AckCallback) (err, args) -> { });

        client.next();
        assertEquals(List.of("451-0[\"blob\",{\"_placeholder\":true,\"num\":0}]", "<3 bytes>"), client.uncompressed());
    }

    @Test
    void aBroadcastWithCompressFalseLeavesUncompressedForEveryRecipient() {
        FakeClient alice = harness.open();
        alice.connect();
        FakeClient bob = harness.open();
        bob.connect();

        harness.server().compress(false).emit("news", "big");
        harness.server().to("nobody").emit("ignored");
        harness.server().emit("news", "small");

        for (FakeClient client : List.of(alice, bob)) {
            client.expect("2[\"news\",\"big\"]", "2[\"news\",\"small\"]");
            assertEquals(List.of("42[\"news\",\"big\"]"), client.uncompressed(), client.toString());
        }
    }

    @Test
    void aRoomBroadcastFromASocketKeepsTheFlag() {
        FakeClient alice = harness.open();
        Socket aliceSocket = harness.socket(alice.connect());
        FakeClient bob = harness.open();
        harness.socket(bob.connect()).join("room");

        aliceSocket.to("room").compress(false).emit("hello");

        bob.expect("2[\"hello\"]");
        assertEquals(List.of("42[\"hello\"]"), bob.uncompressed());
        assertEquals(List.of(), alice.uncompressed());
    }
}
