package io.jakartio.redis;

import io.jakartio.parser.JsonReader;
import io.jakartio.parser.JsonWriter;
import io.jakartio.parser.MessagePack;
import io.jakartio.parser.PacketParseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The two encodings of the Redis adapter's requests and answers, as Node's adapter mixes them:
 * JSON for most ({@code JSON.stringify}), MessagePack for a broadcast with acknowledgements and
 * its answers; a message starting with {@code {} is JSON, any other MessagePack.
 */
final class RequestCodec {

    private final MessagePack msgpack;
    private final UnaryOperator<Object> fallback;

    RequestCodec(MessagePack msgpack, UnaryOperator<Object> fallback) {
        this.msgpack = msgpack;
        this.fallback = fallback;
    }

    /** @return the message as {@code JSON.stringify} writes it (a {@code byte[]} as a Buffer's JSON) */
    byte[] json(Map<String, Object> message) {
        StringBuilder out = new StringBuilder(128);
        new JsonWriter(out, null, fallback).write(buffersAsJson(message, 0));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the message in MessagePack */
    byte[] msgpack(Object message) {
        return msgpack.encode(message);
    }

    /**
     * @param bytes a request or answer
     * @return its fields
     * @throws IllegalArgumentException if it is neither JSON nor MessagePack of an object
     */
    Map<?, ?> decode(byte[] bytes) {
        Object decoded;
        if (bytes.length > 0 && bytes[0] == '{') { // Node: if the buffer starts with a "{" character
            try {
                decoded = JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
            } catch (PacketParseException e) {
                throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
            }
        } else {
            decoded = msgpack.decode(bytes);
        }
        if (!(decoded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not an object: " + decoded);
        }
        return map;
    }

    /** {@code JSON.stringify} of a Node {@code Buffer}: {@code {"type":"Buffer","data":[1,2,3]}}. */
    private static Object buffersAsJson(Object value, int depth) {
        if (depth > JsonReader.MAX_DEPTH) {
            return value; // the writer refuses it
        }
        if (value instanceof byte[] bytes) {
            List<Integer> data = new ArrayList<>(bytes.length);
            for (byte b : bytes) {
                data.add(b & 0xff);
            }
            Map<String, Object> buffer = new LinkedHashMap<>();
            buffer.put("type", "Buffer");
            buffer.put("data", data);
            return buffer;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return buffersAsJson(bytes, depth);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, buffersAsJson(v, depth + 1)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(buffersAsJson(v, depth + 1)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return buffersAsJson(Arrays.asList(array), depth);
        }
        return value;
    }
}
