package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * A client whose session must not notice an attack: it keeps exchanging numbered messages with
 * the scenarios fixture — an {@code echo} the server emits back, and an {@code echo} the server
 * acknowledges — and counts everything that comes back: every message and every ack must arrive,
 * once, in order.
 */
final class Witness {

    private final TestClient client;
    private final Events echoes;
    private final List<Object> acks = new ArrayList<>();
    private int sent;

    Witness(TestClient client) {
        this.client = client;
        this.echoes = client.record("echo");
    }

    /** Sends {@code count} more numbered messages, each also sent with an ack that it waits for. */
    void exchange(int count) {
        for (int i = 0; i < count; i++) {
            int n = sent++;
            client.emit("echo", "m" + n);
            acks.add(client.ackFirst("echo", n));
        }
    }

    /** Every message came back once and in order, every ack arrived with its own number; then silence. */
    void assertNothingLostOrDuplicated() {
        for (int n = 0; n < sent; n++) {
            String expected = "m" + n;
            Object[] echo = echoes.next();
            assertEquals(expected, echo[0], "echo number " + n);
            assertEquals(n, ((Number) acks.get(n)).intValue(), "ack number " + n);
        }
        assertEquals(sent, acks.size());
        long since = System.nanoTime();
        echoes.none(args -> true, since);
        client.disconnects().none(args -> true, since);
        assertTrue(client.connected(), "the witness is still connected");
    }
}
