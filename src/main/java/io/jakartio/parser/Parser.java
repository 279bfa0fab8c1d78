package io.jakartio.parser;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How Socket.IO packets travel inside Engine.IO messages: Node's {@code parser} server option.
 * The server and its clients must use the same parser.
 *
 * <ul>
 *   <li>{@link #defaultParser()}: the protocol's text encoding, binary values as attachments
 *       (socket.io-parser);</li>
 *   <li>{@link #msgpack()}: each packet one binary message, a MessagePack map, compatible with
 *       {@code socket.io-msgpack-parser} 3 (the client's {@code socket.io.msgpack.min.js} build).</li>
 * </ul>
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder().parser(Parser.msgpack()).build();
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe; the encoder they make serves the whole
 * server, each decoder one connection.
 */
public interface Parser {

    /** @return the parser's name, as in the {@code jakartio.parser} key: {@code default}, {@code msgpack} */
    String name();

    /**
     * @param jsonMapper turns application objects (POJOs) into plain values or {@link RawJson};
     *     {@code null} to refuse them
     * @return the encoder of the server's packets
     */
    PacketEncoder encoder(UnaryOperator<Object> jsonMapper);

    /**
     * @param maxAttachments the most binary attachments one packet may announce, for parsers
     *     that send binary values apart
     * @return a decoder for one connection
     */
    PacketDecoder decoder(int maxAttachments);

    /** @return the protocol's own parser: text packets, binary values as attachments */
    static Parser defaultParser() {
        return new DefaultParser();
    }

    /** @return the MessagePack parser of {@code socket.io-msgpack-parser} */
    static Parser msgpack() {
        return new MessagePackParser();
    }

    /**
     * @param name {@code default} or {@code msgpack} (case ignored)
     * @return that parser
     * @throws IllegalArgumentException for another name
     */
    static Parser named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "default" -> defaultParser();
            case "msgpack" -> msgpack();
            default -> throw new IllegalArgumentException("unknown parser '" + name + "': default or msgpack");
        };
    }
}
