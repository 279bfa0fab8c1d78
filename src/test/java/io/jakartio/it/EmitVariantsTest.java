package io.jakartio.it;

import static io.jakartio.it.Json.list;
import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

/**
 * The four emit variants of the seed chat, each reaching exactly its audience: {@code io.emit}
 * (everyone), {@code socket.emit} (the sender), {@code socket.broadcast().emit} (everyone but
 * the sender) and {@code io.to(id).emit} (one socket).
 */
class EmitVariantsTest extends ClientScenarios {

    @EverySetup
    void ioEmitDeliversAChatMessageToEveryClientTheSenderIncluded(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(3);
        List<Events> received = clients.stream().map(c -> c.record("chat message")).toList();
        String text = "hello " + uid();

        clients.get(0).emit("chat message", text);

        for (Events events : received) {
            assertEquals(List.of(text), Json.plain(events.nextWithFirst(text)));
        }
    }

    @EverySetup
    void socketEmitSendsAnEchoBackToTheSenderOnly(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(3);
        TestClient sender = clients.get(0);
        Events echoes = sender.record("echo");
        Events othersEchoes1 = clients.get(1).record("echo");
        Events othersEchoes2 = clients.get(2).record("echo");
        String tag = uid();

        sender.emit("echo", tag, 1, Json.object("x", Json.array(true, null)), Json.array("y"), false, null);

        Object[] echoed = echoes.nextWithFirst(tag);
        long since = System.nanoTime();
        assertEquals(list(tag, 1, map("x", list(true, null)), list("y"), false, null), Json.plain(echoed));
        othersEchoes1.none(args -> tag.equals(args[0]), since);
        othersEchoes2.none(args -> tag.equals(args[0]), since);
    }

    @EverySetup
    void socketBroadcastReachesEveryOtherClientButNotTheSender(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(3);
        List<Events> received = clients.stream().map(c -> c.record("broadcast")).toList();
        String tag = uid();

        clients.get(0).emit("broadcast", tag, 2, Json.object("three", 3));

        long since = System.nanoTime();
        for (Events events : received.subList(1, 3)) {
            assertEquals(list(tag, 2, map("three", 3)), Json.plain(events.nextWithFirst(tag)));
        }
        received.get(0).none(args -> tag.equals(args[0]), since);
    }

    @EverySetup
    void ioToASocketIdDeliversADirectMessageToThatSocketOnly(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(3);
        TestClient alice = clients.get(0);
        TestClient bob = clients.get(1);
        TestClient carol = clients.get(2);
        List<Events> dms = clients.stream().map(c -> c.record("dm")).toList();
        String msg = "psst " + uid();

        alice.emit("dm", Json.object("to", bob.id(), "msg", msg));

        long since = System.nanoTime();
        Object[] received = dms.get(1).next(args -> msg.equals(msgOf(args)), "the dm");
        assertEquals(List.of(map("from", alice.id(), "msg", msg)), Json.plain(received));
        dms.get(0).none(args -> msg.equals(msgOf(args)), since);
        dms.get(2).none(args -> msg.equals(msgOf(args)), since);
        assertEquals(carol.id(), carol.ackFirst("whoami"), "the bystander is still connected");
    }

    /** @return the {@code msg} field of the first argument, if it is an object */
    static Object msgOf(Object[] args) {
        return args.length > 0 && Json.plain(args[0]) instanceof Map<?, ?> body ? body.get("msg") : null;
    }
}
