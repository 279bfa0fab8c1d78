package io.jakartio.adapter;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link AdapterListener}s of one adapter and the room events waiting for them. The adapter
 * queues events while it changes a room (inside the map's lock for that room, so the queue's
 * order is the order of the changes) and delivers them once the change is done: one thread at a
 * time drains the queue, outside every lock, so listeners are never called concurrently nor
 * while the adapter holds a lock.
 */
final class RoomEvents {

    private static final System.Logger LOG = System.getLogger(RoomEvents.class.getName());

    private enum Kind { CREATE, DELETE, JOIN, LEAVE }

    private record Event(Kind kind, String room, String id) {
    }

    private final List<AdapterListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    void addListener(AdapterListener listener) {
        listeners.add(listener);
    }

    void removeListener(AdapterListener listener) {
        listeners.remove(listener);
    }

    /** @return whether anyone listens: without listeners, the adapter queues nothing */
    boolean isListened() {
        return !listeners.isEmpty();
    }

    void created(String room) {
        pending.add(new Event(Kind.CREATE, room, null));
    }

    void deleted(String room) {
        pending.add(new Event(Kind.DELETE, room, null));
    }

    void joined(String room, String id) {
        pending.add(new Event(Kind.JOIN, room, id));
    }

    void left(String room, String id) {
        pending.add(new Event(Kind.LEAVE, room, id));
    }

    /**
     * Delivers the queued events, unless another thread is delivering them (it takes these
     * along). Called after a change, with no lock held.
     */
    void deliver() {
        while (!pending.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                for (Event event = pending.poll(); event != null; event = pending.poll()) {
                    tell(event);
                }
            } finally {
                delivering.set(false);
            }
            // An event queued after the last poll and before the flag was cleared: the loop's
            // check finds it, so it does not wait for the next change.
        }
    }

    private void tell(Event event) {
        for (AdapterListener listener : listeners) {
            try {
                switch (event.kind()) {
                    case CREATE -> listener.onCreateRoom(event.room());
                    case DELETE -> listener.onDeleteRoom(event.room());
                    case JOIN -> listener.onJoinRoom(event.room(), event.id());
                    case LEAVE -> listener.onLeaveRoom(event.room(), event.id());
                }
            } catch (RuntimeException e) { // a dashboard's bug must not break the sockets' joins
                LOG.log(Level.WARNING, "adapter listener failed on " + event, e);
            }
        }
    }
}
