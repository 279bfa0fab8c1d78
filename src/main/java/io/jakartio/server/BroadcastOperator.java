package io.jakartio.server;

import io.jakartio.adapter.Adapter;
import io.jakartio.adapter.BroadcastFlags;
import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.adapter.SocketDetails;
import io.jakartio.engine.Scheduler;
import io.jakartio.parser.SocketPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Targets a set of sockets for a broadcast: Socket.IO's {@code BroadcastOperator}. Immutable:
 * {@link #to}, {@link #except}, {@link #timeout}, {@link #asVolatile} and {@link #local} each
 * return a new operator, so an operator can be kept and reused.
 *
 * <pre>{@code
 * io.to("room1").to("room2").except("room3").emit("news", item);  // union of rooms, minus room3
 * socket.broadcast().emit("hi");                                   // everyone but socket
 * io.timeout(Duration.ofSeconds(5)).emitWithAck("vote")            // every client's answer
 *   .thenAccept(answers -> ...);
 * }</pre>
 *
 * <p>A broadcast encodes its packet once, whatever the number of recipients.
 */
public final class BroadcastOperator {

    private final Namespace nsp;
    private final Set<String> rooms;
    private final Set<String> except;
    private final BroadcastFlags flags;

    BroadcastOperator(Namespace nsp, Set<String> rooms, Set<String> except, BroadcastFlags flags) {
        this.nsp = nsp;
        this.rooms = rooms;
        this.except = except;
        this.flags = flags;
    }

    /**
     * @param moreRooms rooms to add to the targets
     * @return an operator targeting the union of its rooms and these
     */
    public BroadcastOperator to(String... moreRooms) {
        return new BroadcastOperator(nsp, union(rooms, moreRooms), except, flags);
    }

    /** @param moreRooms rooms to add @return same as {@link #to} */
    public BroadcastOperator in(String... moreRooms) {
        return to(moreRooms);
    }

    /**
     * @param excludedRooms rooms (or socket ids) to exclude
     * @return an operator that skips their sockets
     */
    public BroadcastOperator except(String... excludedRooms) {
        return new BroadcastOperator(nsp, rooms, union(except, excludedRooms), flags);
    }

    /**
     * @param timeout how long to wait for acknowledgements
     * @return an operator with that timeout
     */
    public BroadcastOperator timeout(Duration timeout) {
        return new BroadcastOperator(nsp, rooms, except, flags.withTimeout(timeout));
    }

    /** @return an operator that drops the event for busy connections (Socket.IO's {@code volatile}) */
    public BroadcastOperator asVolatile() {
        return new BroadcastOperator(nsp, rooms, except, flags.withVolatile());
    }

    /**
     * @param compress whether the event may be compressed (Socket.IO's {@code compress} flag:
     *     Jakartio does not compress; Node servers of a cluster honour it for their clients)
     * @return an operator with that flag
     */
    public BroadcastOperator compress(boolean compress) {
        return new BroadcastOperator(nsp, rooms, except, flags.withCompress(compress));
    }

    /** @return an operator that reaches this server's sockets only */
    public BroadcastOperator local() {
        return new BroadcastOperator(nsp, rooms, except, flags.withLocal());
    }

    /**
     * Emits to every targeted socket. A last argument that is an {@link AckCallback} receives
     * {@code (error, List<Object> responses)} once every client answered, or the timeout passed
     * (an {@link AckTimeoutException} with the responses so far).
     *
     * @param event the event name
     * @param args the arguments
     * @return {@code true}
     * @throws IllegalStateException if an acknowledgement is asked for without a timeout
     */
    public boolean emit(String event, Object... args) {
        Reserved.check(event);
        if (args.length > 0 && args[args.length - 1] instanceof AckCallback callback) {
            emitWithCallback(event, Arrays.copyOf(args, args.length - 1), callback);
            return true;
        }
        SocketPacket packet = SocketPacket.event(nsp.name(), event, args);
        BroadcastOptions options = options();
        for (Adapter adapter : nsp.broadcastAdapters()) {
            adapter.broadcast(packet, options);
        }
        return true;
    }

    /**
     * Emits to every targeted socket and collects the first argument of each acknowledgement.
     *
     * @param event the event name
     * @param args the arguments
     * @return the responses; fails with {@link AckTimeoutException} if some are missing at the timeout
     */
    public CompletableFuture<List<Object>> emitWithAck(String event, Object... args) {
        CompletableFuture<List<Object>> future = new CompletableFuture<>();
        emitWithCallback(event, args, (error, responses) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) responses[0];
                future.complete(list);
            }
        });
        return future;
    }

    /**
     * Fetches snapshots of the targeted sockets. With a cluster adapter, the other servers'
     * answers are awaited for this operator's {@link #timeout}, or the adapter's request timeout
     * without one; the future fails if a server does not answer in time.
     *
     * <pre>{@code
     * io.in("room1").timeout(Duration.ofSeconds(2)).fetchSockets().thenAccept(sockets -> ...);
     * }</pre>
     *
     * @return snapshots of the targeted sockets
     */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        BroadcastOptions options = options();
        List<CompletableFuture<List<SocketDetails>>> parts = new ArrayList<>();
        for (Adapter adapter : nsp.broadcastAdapters()) {
            parts.add(adapter.fetchSockets(options));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<RemoteSocket> sockets = new ArrayList<>();
            for (CompletableFuture<List<SocketDetails>> part : parts) {
                for (SocketDetails details : part.join()) {
                    sockets.add(new RemoteSocket(nsp, details));
                }
            }
            return sockets;
        });
    }

    /** @param newRooms rooms the targeted sockets join */
    public void socketsJoin(String... newRooms) {
        for (Adapter adapter : nsp.broadcastAdapters()) {
            adapter.addSockets(options(), Set.copyOf(Arrays.asList(newRooms)));
        }
    }

    /** @param oldRooms rooms the targeted sockets leave */
    public void socketsLeave(String... oldRooms) {
        for (Adapter adapter : nsp.broadcastAdapters()) {
            adapter.delSockets(options(), Set.copyOf(Arrays.asList(oldRooms)));
        }
    }

    /** @param close also close the targeted sockets' underlying connections */
    public void disconnectSockets(boolean close) {
        for (Adapter adapter : nsp.broadcastAdapters()) {
            adapter.disconnectSockets(options(), close);
        }
    }

    private BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, flags);
    }

    private void emitWithCallback(String event, Object[] args, AckCallback callback) {
        Reserved.check(event);
        if (flags.timeout() == null) {
            throw new IllegalStateException("broadcast acknowledgements need a timeout(...)");
        }
        List<Adapter> adapters = nsp.broadcastAdapters();
        if (adapters.isEmpty()) { // a parent namespace without children: nobody to wait for
            callback.call(null, List.of());
            return;
        }
        AckCollector collector = new AckCollector(callback);
        Scheduler.Cancellable timer = nsp.server().scheduler().schedule(flags.timeout(), collector::timeOut);
        collector.timer(timer);
        SocketPacket packet = SocketPacket.event(nsp.name(), event, args);
        BroadcastOptions options = options();
        try {
            for (Adapter adapter : adapters) {
                if (flags.local()) { // only this server answers, whatever the cluster's size
                    collector.addExpectedServers(1);
                } else {
                    adapter.serverCount().thenAccept(collector::addExpectedServers);
                }
                adapter.broadcastWithAck(packet, options, collector::onClientCount, collector::onResponse);
            }
        } catch (RuntimeException e) { // not encodable: the caller gets the exception, not a timeout later
            timer.cancel();
            throw e;
        }
        collector.sent();
    }

    private static Set<String> union(Set<String> base, String[] more) {
        Set<String> result = new HashSet<>(base);
        result.addAll(Arrays.asList(more));
        return Set.copyOf(result);
    }

    /**
     * Counts, per broadcast with acknowledgement, the servers that reported how many clients
     * they reached and the responses received; completes once both add up, or at the timeout.
     */
    private static final class AckCollector {
        private final AckCallback callback;
        private final List<Object> responses = new ArrayList<>();
        private Scheduler.Cancellable timer = Scheduler.Cancellable.NONE;
        private int expectedServers;
        private int reportedServers;
        private int expectedClients;
        private boolean sending = true;
        private boolean done;

        AckCollector(AckCallback callback) {
            this.callback = callback;
        }

        synchronized void timer(Scheduler.Cancellable value) {
            this.timer = value;
            if (done) {
                value.cancel();
            }
        }

        void addExpectedServers(int count) {
            synchronized (this) {
                expectedServers += count;
            }
            check();
        }

        void onClientCount(int count) {
            synchronized (this) {
                expectedClients += count;
                reportedServers++;
            }
            check();
        }

        void onResponse(Object response) {
            synchronized (this) {
                if (done) {
                    return;
                }
                responses.add(response);
            }
            check();
        }

        /** Every adapter was given the packet: the counts may now add up (not after the first adapter). */
        void sent() {
            synchronized (this) {
                sending = false;
            }
            check();
        }

        void timeOut() {
            List<Object> partial;
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                partial = Collections.unmodifiableList(new ArrayList<>(responses));
            }
            callback.call(new AckTimeoutException(), partial);
        }

        private void check() {
            List<Object> complete;
            synchronized (this) {
                if (done || sending || expectedServers == 0 || reportedServers != expectedServers
                        || responses.size() != expectedClients) {
                    return;
                }
                done = true;
                timer.cancel();
                complete = Collections.unmodifiableList(new ArrayList<>(responses));
            }
            callback.call(null, complete);
        }
    }
}
