package io.jakartio.parser;

import java.util.function.UnaryOperator;

/** The protocol's text parser: {@link SocketPacketEncoder} and {@link SocketPacketDecoder}. */
record DefaultParser() implements Parser {

    @Override
    public String name() {
        return "default";
    }

    @Override
    public PacketEncoder encoder(UnaryOperator<Object> jsonMapper) {
        return new SocketPacketEncoder(jsonMapper);
    }

    @Override
    public PacketDecoder decoder(int maxAttachments) {
        return new SocketPacketDecoder(maxAttachments);
    }
}
