package io.jakartio.engine;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes the sessions that have packets queued, so that packets queued for one connection close
 * together in time leave in one write. Nothing is held back: a session is written as soon as a
 * thread gets to it; but while one thread is writing, sessions that other threads queue for are
 * taken up by the same thread, after the ones already waiting, and a session's packets queued in
 * the meantime go out together — one system call for several frames when traffic is heavy.
 *
 * <p>Sessions are spread over {@code lanes} ({@link EngineOptions#writeLanes()}, one per
 * processor by default); each lane is written by at most one thread at a time, whichever thread
 * found it idle. With no lanes every thread writes the sessions it queues for at once, itself. A thread inside
 * {@link #batch} only notes the sessions it queues for and writes them when the batch ends: a
 * broadcast queues its packet for every recipient first, then writes them, so a broadcast that
 * starts meanwhile on another thread joins its frames to the recipients not yet written.
 *
 * <p>When a batch ends, the broadcasting thread writes one lane itself and hands each other
 * idle lane with at least {@value #HAND_OFF_MIN} sessions to a writer thread (at most
 * {@code lanes - 1} of them, started when first needed, gone after {@value #WRITER_IDLE_SECONDS}
 * s without work), so that a broadcast to 1,000 connections is written by as many cores as
 * there are lanes, and its last recipient waits for a share of the writes rather than all of
 * them. Smaller lanes are written by the broadcasting thread: handing them over costs more
 * than writing them.
 *
 * <pre>{@code
 * flusher.batch(() -> recipients.forEach(s -> s.send(packets, false))); // queued, then written
 * }</pre>
 */
final class Flusher {

    private static final System.Logger LOG = System.getLogger(Flusher.class.getName());
    /** Larger batch lists are not kept by a thread between broadcasts (a reference each). */
    private static final int KEPT_LIST_SIZE = 4096;
    /**
     * A batch's lane with fewer sessions is written by the broadcasting thread: waking a writer
     * thread costs about as much as writing a few dozen sessions.
     */
    static final int HAND_OFF_MIN = 64;
    private static final int WRITER_IDLE_SECONDS = 30;

    private final Lane[] lanes;
    /** Writes the lanes a batch hands over; {@code null} with fewer than two lanes. */
    private final ThreadPoolExecutor writers;
    private final int handOffMin;
    /** The batch this thread is in, if any (per flusher: another server's batch is not ours). */
    private final ThreadLocal<Batch> current = new ThreadLocal<>();
    /**
     * Batches kept between broadcasts, so that a broadcast allocates nothing. Not kept per
     * thread: a container's threads outlive the application, and a thread-local value would pin
     * it after it is undeployed (Tomcat reports it as a memory leak).
     */
    private final AtomicReferenceArray<Batch> spares;

    /** @param lanes how many threads may write at once; 0: each thread writes its own sessions */
    Flusher(int lanes) {
        this(lanes, HAND_OFF_MIN, "jakartio-writer");
    }

    /**
     * @param lanes how many threads may write at once; 0: each thread writes its own sessions
     * @param handOffMin the fewest sessions of a batch's lane handed to a writer thread
     * @param threadName the writer threads' name, numbered
     */
    Flusher(int lanes, int handOffMin, String threadName) {
        this.lanes = new Lane[lanes];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane();
        }
        this.spares = new AtomicReferenceArray<>(Math.max(4, 2 * lanes)); // about one per thread broadcasting at once
        this.handOffMin = handOffMin;
        this.writers = lanes < 2 ? null : writerThreads(lanes - 1, threadName);
    }

    private static ThreadPoolExecutor writerThreads(int threads, String threadName) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, WRITER_IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true); // no thread while nothing is broadcast
        return pool;
    }

    /**
     * Stops the writer threads once they have written what they were handed; from now on the
     * broadcasting threads write every lane themselves.
     */
    void close() {
        if (writers != null) {
            writers.shutdown();
        }
    }

    /**
     * The transport has packets queued: it is written now by this thread, or soon by the thread
     * writing its lane, or when the current {@link #batch} ends.
     */
    void schedule(Transport transport) {
        if (lanes.length == 0) {
            transport.flush();
            return;
        }
        if (!transport.markScheduled()) {
            return; // already waiting: the write that is coming takes the new packets along
        }
        Batch batch = current.get();
        int lane = laneOf(transport);
        if (batch != null) {
            batch.add(lane, transport);
        } else if (lanes[lane].add(List.of(transport))) {
            lanes[lane].writeAll();
        }
    }

    /**
     * Runs {@code deliveries}; the sessions they queue packets for are written after it returned
     * (or threw). Batches nest: the outermost one writes.
     *
     * @param deliveries code that queues packets, e.g. a broadcast's loop over its recipients
     */
    void batch(Runnable deliveries) {
        if (lanes.length == 0 || current.get() != null) {
            deliveries.run();
            return;
        }
        Batch batch = takeSpare(); // in use: a batch started while this one is written gets another
        current.set(batch);
        try {
            deliveries.run();
        } finally {
            current.remove();
            try {
                batch.submit();
            } finally {
                batch.clear();
                putSpare(batch);
            }
        }
    }

    private Batch takeSpare() {
        for (int i = 0; i < spares.length(); i++) {
            Batch batch = spares.get(i);
            if (batch != null && spares.compareAndSet(i, batch, null)) {
                return batch;
            }
        }
        return new Batch();
    }

    private void putSpare(Batch batch) {
        for (int i = 0; i < spares.length(); i++) {
            if (spares.get(i) == null && spares.compareAndSet(i, null, batch)) {
                return;
            }
        }
        // as many kept as threads broadcast at once, usually: this one is let go
    }

    /** @return whether a writer thread took {@code lane} (whose writing this thread had claimed) */
    private boolean handOff(Lane lane) {
        try {
            writers.execute(lane::writeAll);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** @return the writer threads alive now (for tests) */
    int writerThreads() {
        return writers == null ? 0 : writers.getPoolSize();
    }

    /** @return how many batches are kept for the next broadcasts (for tests) */
    int spareBatches() {
        int count = 0;
        for (int i = 0; i < spares.length(); i++) {
            if (spares.get(i) != null) {
                count++;
            }
        }
        return count;
    }

    /** @return the index of the lane that writes {@code transport} */
    int laneOf(Transport transport) {
        return lanes.length == 1 ? 0 : Math.floorMod(System.identityHashCode(transport), lanes.length);
    }

    /** The sessions one {@link #batch} queued for, by lane. */
    private final class Batch {
        private final List<Transport>[] byLane;

        @SuppressWarnings("unchecked")
        Batch() {
            byLane = new List[lanes.length];
        }

        void add(int lane, Transport transport) {
            List<Transport> list = byLane[lane];
            if (list == null) {
                list = new ArrayList<>();
                byLane[lane] = list;
            }
            list.add(transport);
        }

        /**
         * Hands the lanes to their writers: large idle lanes but the first to writer threads,
         * the rest written here (after the hand-overs, so that they write meanwhile).
         */
        void submit() {
            Lane own = null;
            for (int i = 0; i < lanes.length; i++) {
                List<Transport> list = byLane[i];
                if (list == null || list.isEmpty()) {
                    continue;
                }
                Lane lane = lanes[i];
                if (!lane.add(list)) { // copied into the lane: the list can be reused
                    continue; // another thread is writing it and takes these along
                }
                if (own != null && list.size() >= handOffMin && handOff(lane)) {
                    continue;
                }
                if (own == null) {
                    own = lane;
                } else {
                    lane.writeAll();
                }
            }
            if (own != null) {
                own.writeAll();
            }
        }

        /** Empties the lists for the next broadcast; one that grew large is let go. */
        void clear() {
            for (int i = 0; i < byLane.length; i++) {
                if (byLane[i] != null) {
                    if (byLane[i].size() > KEPT_LIST_SIZE) {
                        byLane[i] = null;
                    } else {
                        byLane[i].clear();
                    }
                }
            }
        }
    }

    /**
     * Sessions waiting to be written, and whether a thread is writing them. The writing thread
     * swaps the waiting list for an empty one and writes outside the lock, so queuing never waits
     * for a write.
     */
    private static final class Lane {
        private final Object lock = new Object();
        private ArrayList<Transport> waiting = new ArrayList<>();
        private ArrayList<Transport> spare = new ArrayList<>();
        private boolean writing;

        /**
         * @return whether the caller is to write the lane ({@link #writeAll}): no thread was
         *     writing it; else the thread writing it takes these along
         */
        boolean add(List<Transport> transports) {
            synchronized (lock) {
                waiting.addAll(transports);
                if (writing) {
                    return false;
                }
                writing = true;
                return true;
            }
        }

        /** Writes until nothing waits; only for the thread that {@link #add} told to. */
        void writeAll() {
            while (true) {
                ArrayList<Transport> taken;
                synchronized (lock) {
                    if (waiting.isEmpty()) {
                        writing = false;
                        return;
                    }
                    taken = waiting;
                    waiting = spare != null ? spare : new ArrayList<>(); // none after an Error, below
                    spare = null;
                }
                int done = 0;
                try {
                    for (int n = taken.size(); done < n; done++) {
                        write(taken.get(done));
                    }
                } finally {
                    if (done < taken.size()) { // an Error escaped a write: hand the rest back
                        synchronized (lock) {
                            waiting.addAll(taken.subList(done + 1, taken.size()));
                            writing = false;
                        }
                    }
                }
                taken.clear();
                synchronized (lock) {
                    spare = taken;
                }
            }
        }

        private static void write(Transport transport) {
            transport.clearScheduled(); // packets queued from now on schedule it again
            try {
                transport.flush();
            } catch (RuntimeException e) { // one broken session must not keep the others waiting
                LOG.log(Level.WARNING, "writing a session failed", e);
            }
        }
    }
}
