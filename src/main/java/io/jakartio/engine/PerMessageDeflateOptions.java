package io.jakartio.engine;

import io.jakartio.websocket.PerMessageDeflate;
import java.util.List;
import java.util.Optional;

/**
 * How the server negotiates and uses permessage-deflate (RFC 7692) on its WebSockets, like the
 * {@code perMessageDeflate} option of Node's engine.io (which hands it to {@code ws}). Off unless
 * set: a server without these options answers no extension.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder()
 *     .perMessageDeflate(PerMessageDeflateOptions.defaults().withThreshold(4096))
 *     .build();
 * // answers "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover"
 * }</pre>
 *
 * @param threshold messages shorter than this many bytes are sent uncompressed; defaults to
 *     1,024, as in Node
 * @param serverNoContextTakeover whether the server starts every message with an empty
 *     compression context (it always may, RFC 7692 section 7.1.1.1); defaults to {@code true},
 *     unlike {@code ws}: a message that depends on no earlier one compresses to the same bytes
 *     for every connection, so a broadcast is compressed once and that frame shared by all its
 *     recipients. {@code false}: the server keeps its context when the client lets it (smaller
 *     frames for repetitive traffic), at the cost of one compression per recipient and of a
 *     compressor per connection (about 256 KiB of native memory)
 * @param clientNoContextTakeover whether the server asks the client to start every message
 *     with an empty context; defaults to {@code false}, as in {@code ws}. The server honours it
 *     whenever the client offers it
 */
public record PerMessageDeflateOptions(int threshold, boolean serverNoContextTakeover, boolean clientNoContextTakeover) {

    /**
     * Validates the settings.
     *
     * @param threshold the size under which messages are sent uncompressed, 0 or more
     * @param serverNoContextTakeover whether the server resets its context for every message
     * @param clientNoContextTakeover whether the server asks the client to do the same
     */
    public PerMessageDeflateOptions {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be 0 or more");
        }
    }

    /** @return the defaults: threshold 1,024 bytes, server_no_context_takeover, client context kept */
    public static PerMessageDeflateOptions defaults() {
        return new PerMessageDeflateOptions(1024, true, false);
    }

    /**
     * Answers a client's offers with these settings (see {@link PerMessageDeflate} for what is
     * accepted and declined).
     *
     * <pre>{@code
     * PerMessageDeflateOptions.defaults().negotiate(List.of("permessage-deflate; client_max_window_bits"))
     *     .map(PerMessageDeflate::responseHeader); // "permessage-deflate; server_no_context_takeover"
     * }</pre>
     *
     * @param headers the values of the request's {@code Sec-WebSocket-Extensions} headers
     * @return what was agreed, or empty: no extension
     */
    public Optional<PerMessageDeflate> negotiate(List<String> headers) {
        return PerMessageDeflate.negotiate(headers, threshold, serverNoContextTakeover, clientNoContextTakeover);
    }

    /** @param value the threshold in bytes @return a copy with it */
    public PerMessageDeflateOptions withThreshold(int value) {
        return new PerMessageDeflateOptions(value, serverNoContextTakeover, clientNoContextTakeover);
    }

    /** @param value whether the server resets its context per message @return a copy with it */
    public PerMessageDeflateOptions withServerNoContextTakeover(boolean value) {
        return new PerMessageDeflateOptions(threshold, value, clientNoContextTakeover);
    }

    /** @param value whether the client is asked to reset its context @return a copy with it */
    public PerMessageDeflateOptions withClientNoContextTakeover(boolean value) {
        return new PerMessageDeflateOptions(threshold, serverNoContextTakeover, value);
    }
}
