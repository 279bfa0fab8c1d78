package io.jakartio.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a {@link WebSocketFrameReader} reports as strings, in order: {@code text:hi},
 * {@code binary:3} (length; the bytes in {@link #binaries}), {@code ping:..}, {@code pong:..},
 * {@code close:1000:bye}.
 */
final class RecordingFrameListener implements WebSocketFrameReader.Listener {

    final List<String> events = new ArrayList<>();
    final List<byte[]> binaries = new ArrayList<>();
    final List<byte[]> pings = new ArrayList<>();

    @Override
    public void onText(String message) {
        events.add("text:" + message);
    }

    @Override
    public void onBinary(byte[] message) {
        events.add("binary:" + message.length);
        binaries.add(message);
    }

    @Override
    public void onPing(byte[] data) {
        events.add("ping:" + new String(data, StandardCharsets.ISO_8859_1));
        pings.add(data);
    }

    @Override
    public void onPong(byte[] data) {
        events.add("pong:" + new String(data, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void onClose(int code, String reason) {
        events.add("close:" + code + ":" + reason);
    }
}
