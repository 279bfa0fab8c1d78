package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.parser.SocketPacketType;
import java.util.Map;

/**
 * The payload of the CONNECT packet a client gets with connection state recovery on: its socket
 * id and the private session id it sends back to be recovered.
 *
 * <pre>{@code
 * RecoveryGrant grant = RecoveryGrant.expect(client); // the client's next packet must be CONNECT
 * client.send("0{\"pid\":\"" + grant.pid() + "\",\"offset\":\"" + offset + "\"}");
 * }</pre>
 *
 * @param sid the socket id
 * @param pid the private session id
 */
record RecoveryGrant(String sid, String pid) {

    /** Takes the client's next packet, which must be CONNECT, and reads its payload. */
    static RecoveryGrant expect(FakeClient client) {
        FakeClient.Received connect = client.next();
        assertEquals(SocketPacketType.CONNECT, connect.type(), "expected CONNECT, got " + connect);
        Map<?, ?> data = (Map<?, ?>) connect.packet().data();
        return new RecoveryGrant((String) data.get("sid"), (String) data.get("pid"));
    }
}
