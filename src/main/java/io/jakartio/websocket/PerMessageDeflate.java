package io.jakartio.websocket;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The permessage-deflate extension (RFC 7692) as agreed with one client: the answer to its
 * offers, and the codecs that follow from it.
 *
 * <p>Negotiation ({@link #negotiate}): the first {@code permessage-deflate} offer the server can
 * honour is accepted; offers it cannot are declined (RFC 7692 section 5.1), and with none left the
 * WebSocket opens without extension. Of the parameters:
 * <ul>
 *   <li>{@code server_no_context_takeover}: always honoured; answered whenever offered or when
 *       the server is configured so (Jakartio's default), which
 *       the server may always do (section 7.1.1.1).</li>
 *   <li>{@code client_no_context_takeover}: answered when offered or when
 *       the server is configured so; the server then resets
 *       its decompressor after every message.</li>
 *   <li>{@code server_max_window_bits}: the JDK's {@link java.util.zip.Deflater} always uses a
 *       32 KiB window (15 bits) and cannot be told a smaller one, so an offer asking for fewer
 *       than 15 bits is declined; {@code =15} is accepted and answered.</li>
 *   <li>{@code client_max_window_bits} (with or without a value): accepted and not answered,
 *       which leaves the client its 32 KiB window or its own smaller one; the JDK's
 *       {@link java.util.zip.Inflater} reads any window size.</li>
 *   <li>Any other parameter, a parameter twice, or a value out of range: the offer is declined.</li>
 * </ul>
 *
 * <pre>{@code
 * Optional<PerMessageDeflate> agreed = PerMessageDeflate.negotiate(
 *         List.of("permessage-deflate; client_max_window_bits"), 1024, true, false);
 * agreed.get().responseHeader(); // "permessage-deflate; server_no_context_takeover"
 * }</pre>
 *
 * @param threshold messages shorter than this many bytes are sent uncompressed
 * @param serverNoContextTakeover whether the server compresses every message on its own
 * @param clientNoContextTakeover whether the client does, so that the server resets its decompressor
 * @param serverMaxWindowBits the window answered for the server (15), or 0 when the client asked none
 */
public record PerMessageDeflate(int threshold, boolean serverNoContextTakeover, boolean clientNoContextTakeover,
        int serverMaxWindowBits) {

    /** The extension's registered name. */
    public static final String NAME = "permessage-deflate";

    /** The only window the JDK's deflater compresses with. */
    private static final int JDK_WINDOW_BITS = 15;

    /**
     * Chooses the first offer the server can honour.
     *
     * @param headers the values of the request's {@code Sec-WebSocket-Extensions} headers
     * @param threshold messages shorter than this many bytes are sent uncompressed
     * @param serverNoContextTakeover whether the server compresses every message alone even if
     *     the client does not ask it to
     * @param clientNoContextTakeover whether the server asks the client to do the same
     * @return what was agreed, or empty: no extension
     */
    public static Optional<PerMessageDeflate> negotiate(List<String> headers, int threshold,
            boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
        if (headers == null || headers.isEmpty()) {
            return Optional.empty();
        }
        PerMessageDeflate configured = new PerMessageDeflate(threshold, serverNoContextTakeover, clientNoContextTakeover, 0);
        for (ExtensionOffers.Offer offer : ExtensionOffers.parse(headers)) {
            if (NAME.equals(offer.name())) {
                PerMessageDeflate agreed = accept(offer.parameters(), configured);
                if (agreed != null) {
                    return Optional.of(agreed);
                }
            }
        }
        return Optional.empty();
    }

    /** @return the agreement, or {@code null} to decline this offer */
    private static PerMessageDeflate accept(Map<String, String> parameters, PerMessageDeflate options) {
        boolean serverNoContext = options.serverNoContextTakeover();
        boolean clientNoContext = options.clientNoContextTakeover();
        int serverWindow = 0;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "server_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    serverNoContext = true;
                }
                case "client_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    clientNoContext = true;
                }
                case "server_max_window_bits" -> {
                    serverWindow = windowBits(value);
                    if (serverWindow != JDK_WINDOW_BITS) {
                        return null; // invalid, or a window the JDK cannot compress with
                    }
                }
                case "client_max_window_bits" -> {
                    if (value != null && windowBits(value) == 0) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new PerMessageDeflate(options.threshold(), serverNoContext, clientNoContext, serverWindow);
    }

    /** @return the window bits 8 to 15 written without leading zero, or 0 if invalid */
    private static int windowBits(String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
            return 0;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return 0;
            }
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= 15 ? bits : 0;
    }

    /** @return the {@code Sec-WebSocket-Extensions} value of the 101 response */
    public String responseHeader() {
        StringBuilder header = new StringBuilder(NAME);
        if (serverNoContextTakeover) {
            header.append("; server_no_context_takeover");
        }
        if (clientNoContextTakeover) {
            header.append("; client_no_context_takeover");
        }
        if (serverMaxWindowBits != 0) {
            header.append("; server_max_window_bits=").append(serverMaxWindowBits);
        }
        return header.toString();
    }

    /**
     * @param length a message's length in bytes
     * @return whether it is long enough to be compressed
     */
    public boolean compresses(int length) {
        return length > 0 && length >= threshold;
    }

    /**
     * @return the decompressor of this connection's messages; {@link MessageInflater#close()} it
     *     when the connection ends
     */
    public MessageInflater newInflater() {
        return new MessageInflater(clientNoContextTakeover);
    }

    /**
     * @return this connection's own compressor when the server keeps its context between messages,
     *     {@code null} when it does not: every message is then compressed alone
     *     ({@link MessageDeflater#deflateAlone}), once for all the connections it goes to
     */
    public MessageDeflater newDeflater() {
        return serverNoContextTakeover ? null : new MessageDeflater();
    }
}
