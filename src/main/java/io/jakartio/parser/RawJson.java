package io.jakartio.parser;

import java.util.Objects;

/**
 * A fragment of JSON text that is written verbatim by {@link JsonWriter}.
 *
 * <p>Used by object mappers (for example JSON-B in the Jakarta binding) that serialize user
 * objects to JSON themselves: the mapper returns a {@code RawJson} and the packet encoder splices
 * it in without re-parsing. A raw fragment cannot contain binary attachments.
 *
 * <pre>{@code
 * socket.emit("user", new RawJson("{\"name\":\"ada\"}"));
 * }</pre>
 *
 * @param json a complete, valid JSON value (not checked)
 */
public record RawJson(String json) {

    /**
     * Creates a raw JSON fragment.
     *
     * @param json a complete, valid JSON value
     */
    public RawJson {
        Objects.requireNonNull(json, "json");
    }
}
