package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Socket.IO protocol v4, spoken to the Socket.IO 2.x clients that {@code allowEIO3} lets in:
 * connected to {@code /} without asking, CONNECT packets without payload, the namespace query as
 * the auth, ids derived from the Engine.IO id, refusals carrying the error's data or message.
 */
class ProtocolV4Test {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness().options(o -> o.engine(e -> e.allowEIO3(true)));

    private FakeClient openV3() {
        FakeClient client = harness.open(TestRequest.webSocketV3());
        assertEquals(3, harness.server().engine().socket(client.engineSid()).protocol());
        return client;
    }

    @Test
    void aV3ClientIsConnectedToTheMainNamespaceWithoutAskingAndItsSocketIdIsTheEngineId() {
        List<Socket> connected = new CopyOnWriteArrayList<>();
        harness.server().on("connection", connected::add);

        FakeClient client = openV3();

        client.expect("0"); // CONNECT without payload
        assertEquals(1, connected.size());
        assertEquals(client.engineSid(), connected.get(0).id());
        assertTrue(connected.get(0).connected());
    }

    @Test
    void aNamespaceConnectTakesItsQueryAsTheAuthAndIsConfirmedWithoutPayload() {
        FakeClient client = openV3();
        client.expect("0");
        List<Socket> connected = new CopyOnWriteArrayList<>();
        harness.server().of("/admin").on("connection", connected::add);

        client.send("0/admin?token=a%20b&role=x+y,");

        client.expect("0/admin,");
        Socket socket = connected.get(0);
        assertEquals("/admin#" + client.engineSid(), socket.id());
        assertEquals(Map.of("token", "a b", "role", "x y"), socket.handshake().auth());
        assertEquals(socket, harness.socket("/admin", socket.id()));
    }

    @Test
    void eventsAndAcksAreTheSameAsInV5() {
        harness.server().on("connection", socket -> socket.on("echo", args -> ((Ack) args[args.length - 1]).call(args[0])));
        FakeClient client = openV3();
        client.expect("0");

        client.send("21[\"echo\",\"hi\"]");

        client.expect("31[\"hi\"]");
    }

    @Test
    void aRefusalCarriesTheErrorsDataOrElseItsMessage() {
        harness.server().of("/data").use((socket, next) -> next.fail(new ConnectError("no", Map.of("reason", "bad token"))));
        harness.server().of("/message").use((socket, next) -> next.fail(new ConnectError("not authorized", null)));
        FakeClient client = openV3();
        client.expect("0");

        client.send("0/data,");
        client.send("0/message,");

        client.expect("4/data,{\"reason\":\"bad token\"}", "4/message,\"not authorized\"");
    }

    @Test
    void anUnknownNamespaceIsRefusedAsNodeDoes() {
        FakeClient client = openV3();
        client.expect("0");

        client.send("0/nowhere,");

        client.expect("4/nowhere,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void aV4ClientOfTheSameServerStillGetsItsOwnSocketIdAndTheConnectPayload() {
        openV3().expect("0");

        FakeClient current = harness.open();
        String id = current.connect();

        assertNotNull(id);
        assertNotEquals(current.engineSid(), id);
    }

    @Test
    void theNamespaceQueryIsSplitAndDecoded() {
        assertEquals("/admin", ProtocolV4.namespaceOf("/admin?token=abc"));
        assertEquals("/admin", ProtocolV4.namespaceOf("/admin"));
        assertEquals(Map.of("a", "1", "b", "", "c", "x=y"), ProtocolV4.authOf("/n?a=0&a=1&b&c=x%3Dy&"));
        assertEquals(Map.of(), ProtocolV4.authOf("/n"));
        assertEquals(Map.of("bad", "%zz"), ProtocolV4.authOf("/n?bad=%zz"));
    }
}
