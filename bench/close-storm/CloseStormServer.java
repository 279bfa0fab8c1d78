import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.server.Server;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import java.util.concurrent.CountDownLatch;

/**
 * The server of the close storm (close-storm.mjs): the scenarios fixture's Socket.IO server in
 * an embedded Tomcat, with the WebSocket mode chosen, so that both modes can be stormed (the
 * fixture itself, src/test/fixtures/run scenarios PORT, is native only). Run by bench/close-storm/run.
 */
public final class CloseStormServer {

    private CloseStormServer() {
    }

    /** @param args {@code PORT native|jsr356} */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        WebSocketMode mode = WebSocketMode.parse(args[1]);
        ExecutorScheduler scheduler = new ExecutorScheduler("close-storm-scheduler");
        Server io = ScenariosFixture.create(scheduler);
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(port, (context, websocket) -> SocketIoRegistration.register(context, io, mode));
        System.out.println("READY " + mode + " on " + tomcat.url());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
