package io.jakartio.adapter;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The heartbeats of a {@link ClusterAdapter} (Node's {@code ClusterAdapterWithHeartbeat}):
 * announces the server with {@code INITIAL_HEARTBEAT} (again at each tick until the backend took
 * one: Redis may not be reachable yet), says {@code HEARTBEAT} when the server published nothing
 * for a heartbeat interval, and every second forgets the servers silent for the heartbeat
 * timeout, telling who waits for them.
 *
 * <pre>{@code
 * ClusterHeartbeat heartbeat = new ClusterHeartbeat(timer, 5_000, nodes, this::doPublish, requests::nodeGone);
 * heartbeat.start();
 * }</pre>
 */
final class ClusterHeartbeat {

    private static final System.Logger LOG = System.getLogger(ClusterHeartbeat.class.getName());
    /** How often silent servers are looked for. */
    private static final long TICK_MILLIS = 1_000;

    private final ClusterAdapter.Timer timer;
    private final long intervalMillis;
    private final ClusterNodes nodes;
    private final Function<ClusterMessage, CompletableFuture<String>> publish;
    private final Consumer<String> onGone;
    private volatile long lastPublished;
    private volatile boolean announced;
    private volatile boolean stopped;
    private volatile Runnable cancelTick;

    /**
     * @param timer runs the ticks
     * @param intervalMillis the heartbeat interval
     * @param nodes the servers heard from
     * @param publish sends a message to the other servers
     * @param onGone told of each server found silent for too long
     */
    ClusterHeartbeat(ClusterAdapter.Timer timer, long intervalMillis, ClusterNodes nodes,
            Function<ClusterMessage, CompletableFuture<String>> publish, Consumer<String> onGone) {
        this.timer = timer;
        this.intervalMillis = intervalMillis;
        this.nodes = nodes;
        this.publish = publish;
        this.onGone = onGone;
    }

    /** Announces the server and starts ticking. */
    void start() {
        announce();
        tick();
    }

    /** The server just published something: no heartbeat needed for an interval. */
    void published() {
        lastPublished = System.currentTimeMillis();
    }

    /** Stops ticking. */
    void stop() {
        stopped = true;
        Runnable cancel = cancelTick;
        if (cancel != null) {
            cancel.run();
        }
    }

    private void announce() {
        send(new ClusterMessage.InitialHeartbeat()).thenRun(() -> announced = true);
    }

    private void tick() {
        if (stopped) {
            return;
        }
        for (String gone : nodes.expire()) {
            LOG.log(Level.DEBUG, () -> "server " + gone + " seems down");
            onGone.accept(gone);
        }
        if (!announced) {
            announce();
        } else if (System.currentTimeMillis() - lastPublished >= intervalMillis) {
            send(new ClusterMessage.Heartbeat());
        }
        cancelTick = timer.schedule(Duration.ofMillis(Math.max(1, Math.min(TICK_MILLIS, intervalMillis))), this::tick);
    }

    private CompletableFuture<String> send(ClusterMessage message) {
        published();
        try {
            return publish.apply(message).whenComplete((offset, error) -> {
                if (error != null) {
                    LOG.log(Level.DEBUG, () -> message.type() + " not published: " + error);
                }
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
