package io.jakartio.parser;

import java.util.function.UnaryOperator;

/** The MessagePack parser: {@link MessagePackPacketEncoder} and {@link MessagePackPacketDecoder}. */
record MessagePackParser() implements Parser {

    @Override
    public String name() {
        return "msgpack";
    }

    @Override
    public PacketEncoder encoder(UnaryOperator<Object> jsonMapper) {
        return new MessagePackPacketEncoder(jsonMapper);
    }

    @Override
    public PacketDecoder decoder(int maxAttachments) {
        return new MessagePackPacketDecoder();
    }
}
