package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jakartio.engine.TransportError;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The second argument of {@code "disconnecting"} and {@code "disconnect"}, Node's
 * {@code description}: the {@link TransportError} of a transport error, else {@code null}.
 */
class DisconnectDescriptionTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    /** The arguments of every disconnecting and disconnect call, in order. */
    private final List<Object[]> calls = new CopyOnWriteArrayList<>();

    private FakeClient connect() {
        harness.server().on("connection", socket -> socket
                .on("disconnecting", calls::add)
                .on("disconnect", calls::add));
        return harness.connect();
    }

    @Test
    void aTransportErrorIsDescribedByItsFailure() {
        FakeClient client = connect();
        IOException failure = new IOException("Connection reset by peer");

        client.failTransport(failure);

        assertEquals(2, calls.size());
        for (Object[] args : calls) {
            assertEquals(2, args.length);
            assertEquals(DisconnectReason.TRANSPORT_ERROR, args[0]);
            TransportError description = assertInstanceOf(TransportError.class, args[1]);
            assertEquals("Connection reset by peer", description.getMessage());
            assertSame(failure, description.getCause());
        }
        assertSame(calls.get(0)[1], calls.get(1)[1], "disconnecting and disconnect see the same description");
    }

    @Test
    void aClientThatFallsTooFarBehindIsDescribedAsSuch() {
        harness.options(options -> options.engine(engine -> engine.maxBufferedPackets(2)));
        FakeClient client = connect();
        client.holdSends();
        Socket socket = harness.server().sockets().sockets().values().iterator().next();

        for (int i = 0; i < 4; i++) {
            socket.emit("flood", i);
        }

        assertEquals(DisconnectReason.TRANSPORT_ERROR, calls.get(1)[0]);
        TransportError description = assertInstanceOf(TransportError.class, calls.get(1)[1]);
        assertEquals("more than 2 packets queued (slow client)", description.getMessage());
        client.takeAll();
    }

    @Test
    void otherReasonsHaveNoDescriptionButTheArgumentIsThere() {
        FakeClient client = connect();

        client.closeTransport();

        assertEquals(2, calls.size());
        for (Object[] args : calls) {
            assertEquals(2, args.length);
            assertEquals(DisconnectReason.TRANSPORT_CLOSE, args[0]);
            assertNull(args[1]);
        }
    }

    @Test
    void aNamespaceDisconnectHasNoDescription() {
        FakeClient client = connect();

        client.send("1");

        assertEquals(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, calls.get(1)[0]);
        assertNull(calls.get(1)[1]);
    }
}
