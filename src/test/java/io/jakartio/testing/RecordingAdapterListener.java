package io.jakartio.testing;

import io.jakartio.adapter.AdapterListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records an adapter's room events as lines: {@code "create lobby"}, {@code "join lobby a"},
 * {@code "leave lobby a"}, {@code "delete lobby"}, in the order they were told (thread-safe).
 *
 * <pre>{@code
 * RecordingAdapterListener recorder = new RecordingAdapterListener();
 * adapter.addListener(recorder);
 * assertEquals(List.of("create lobby", "join lobby a"), recorder.events());
 * }</pre>
 */
public final class RecordingAdapterListener implements AdapterListener {

    private final List<String> events = new CopyOnWriteArrayList<>();

    /** @return the events so far, a live list */
    public List<String> events() {
        return events;
    }

    @Override
    public void onCreateRoom(String room) {
        events.add("create " + room);
    }

    @Override
    public void onDeleteRoom(String room) {
        events.add("delete " + room);
    }

    @Override
    public void onJoinRoom(String room, String id) {
        events.add("join " + room + " " + id);
    }

    @Override
    public void onLeaveRoom(String room, String id) {
        events.add("leave " + room + " " + id);
    }
}
