package io.jakartio.it;

import static io.jakartio.it.Json.list;
import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Acknowledgements both ways: client to server (echo) and server to client (ask-client). */
class AcknowledgementsTest extends ClientScenarios {

    @EverySetup
    void echoWithAnAckReturnsMixedArgumentsWithTheirTypesIntact(Setup setup) {
        TestClient client = clients(setup).connect();
        Object[] args = {
            "héllo wörld ✓ 🎉",
            42,
            -3.5,
            0,
            Json.object("a", 1, "nested", Json.object("b", Json.array(1, 2, Json.object("c", "d"))),
                    "empty", Json.object(), "nil", null),
            Json.array(1, "two", null, false, Json.array()),
            true,
            false,
            null,
            "",
        };

        Object[] acked = client.ack("echo", args);

        assertEquals(list(
                "héllo wörld ✓ 🎉", 42, -3.5, 0,
                map("a", 1, "nested", map("b", list(1, 2, map("c", "d"))), "empty", map(), "nil", null),
                list(1, "two", null, false, list()),
                true, false, null, ""), Json.plain(acked));
        assertInstanceOf(Integer.class, acked[1], "42 stays an integer");
        assertInstanceOf(Double.class, acked[2], "-3.5 stays a floating-point number");
    }

    @EverySetup
    void echoWithAnAckAndNoArgumentsAcksWithNoArguments(Setup setup) {
        TestClient client = clients(setup).connect();

        assertEquals(0, client.ack("echo").length);
    }

    @EverySetup
    void aServerAskingTheClientGetsTheClientsAnswerInItsAck(Setup setup) throws Exception {
        TestClient client = clients(setup).connect();
        CompletableFuture<Object> question = new CompletableFuture<>();
        client.socket().on("question", args -> {
            question.complete(args[0]);
            ((Ack) args[args.length - 1]).call("Ada Lovelace");
        });

        Object result = client.ackFirst("ask-client", Json.object("timeout", 2000));

        assertEquals(map("answer", "Ada Lovelace"), Json.plain(result));
        assertInstanceOf(String.class, question.get(0, TimeUnit.SECONDS), "the question");
    }

    @EverySetup
    void aServerAskingAClientThatNeverAnswersGetsATimeout(Setup setup) throws Exception {
        TestClient client = clients(setup).connect();
        CompletableFuture<Object> lastArgument = new CompletableFuture<>();
        client.socket().on("question", args -> lastArgument.complete(args[args.length - 1])); // never answers

        long started = System.nanoTime();
        Object result = client.ackFirst("ask-client", Json.object("timeout", 200));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(map("error", "timeout"), Json.plain(result));
        assertInstanceOf(Ack.class, lastArgument.get(0, TimeUnit.SECONDS), "the question was sent with an ack id");
        assertTrue(elapsedMillis >= 150, "the server waits ~200 ms before timing out, waited " + elapsedMillis);
    }

    @EverySetup
    void echoWithAnAckKeepsA100KilobyteStringIntact(Setup setup) {
        TestClient client = clients(setup).connect();
        StringBuilder big = new StringBuilder(100 * 1024);
        for (int i = 0; i < 100 * 1024; i++) {
            big.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt((i * 7) % 36));
        }

        assertEquals(List.of(big.toString()), Json.plain(client.ack("echo", big.toString())));
    }
}
