package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jakartio.parser.EnginePacket;
import org.junit.jupiter.api.Test;

class PacketFramesTest {

    @Test
    void framesATextPacketWithItsTypeDigit() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0x03, '4', 'h', 'i'},
                PacketFrames.of(EnginePacket.message("hi")), "text frame of 4hi");
    }

    @Test
    void framesAPacketOnceAndReturnsTheSameArrayAgain() {
        EnginePacket packet = EnginePacket.message("hi");

        byte[] first = PacketFrames.of(packet);
        byte[] second = PacketFrames.of(packet);

        assertSame(first, second, "the cached frame");
    }

    @Test
    void framesABinaryPacketWithoutTypeDigit() {
        EnginePacket packet = EnginePacket.binary(new byte[] {1, 2});

        assertArrayEquals(new byte[] {(byte) 0x82, 0x02, 1, 2}, PacketFrames.of(packet), "binary frame");
        assertSame(PacketFrames.of(packet), PacketFrames.of(packet), "the cached frame");
    }

    @Test
    void framesPacketsOfOtherTypesAsText() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0x01, '2'}, PacketFrames.of(EnginePacket.ping("")), "ping");
        assertArrayEquals(new byte[] {(byte) 0x81, 0x06, '3', 'p', 'r', 'o', 'b', 'e'},
                PacketFrames.of(EnginePacket.pong("probe")), "pong probe");
        assertArrayEquals(new byte[] {(byte) 0x81, 0x01, '6'}, PacketFrames.of(EnginePacket.noop()), "noop");
    }

    @Test
    void framesAMultiByteMessageInUtf8() {
        byte[] frame = PacketFrames.of(EnginePacket.message("é"));

        assertArrayEquals(new byte[] {(byte) 0x81, 0x03, '4', (byte) 0xC3, (byte) 0xA9}, frame, "UTF-8 frame");
    }

    @Test
    void framesEqualPacketsIntoSeparateArrays() {
        assertNotSame(PacketFrames.of(EnginePacket.message("hi")), PacketFrames.of(EnginePacket.message("hi")),
                "each packet keeps its own frame");
    }
}
