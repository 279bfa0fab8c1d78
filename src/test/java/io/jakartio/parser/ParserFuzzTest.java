package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds seeded random mutations of valid packets to the decoders: whatever arrives from the
 * network, the only failure allowed is a {@link PacketParseException}.
 */
class ParserFuzzTest {

    private static final long SEED = 0x5eed_10_5L;
    private static final int ITERATIONS = 20_000;

    private static final String P0 = "{\"_placeholder\":true,\"num\":0}";
    private static final String P1 = "{\"_placeholder\":true,\"num\":1}";

    private static final List<String> SOCKET_CORPUS = List.of(
            "0",
            "0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}",
            "0{\"token\":\"123\"}",
            "0/custom",
            "1",
            "1/admin,",
            "2[\"foo\"]",
            "2/admin,[\"bar\"]",
            "212[\"foo\"]",
            "3/admin,13[\"bar\"]",
            "312[]",
            "4{\"message\":\"Not authorized\",\"data\":{\"a\":[1,2.5e-3,true,null]}}",
            "4\"Unauthorized\"",
            "2[\"chat message\",\"h\\u00e9llo \\\"q\\\" \\\\ \\n\",-12,3.25E+2,{\"k\":[{}],\"l\":[]}]",
            "51-[\"baz\"," + P0 + "]",
            "52-/admin,[\"baz\"," + P0 + "," + P1 + "]",
            "61-15[\"bar\"," + P0 + "]",
            "52-789[\"message\",{\"a\":" + P1 + "},[" + P0 + "]]",
            "50-[\"foo\"]",
            "2[1,\"\\ud83d\\ude00\"]");

    private static final String ALPHABET = "0123456789-/,[]{}\":._placeholdrnumtfe\\ u+Ee\u0000\u001f\u00e9\ud800\uff11";

    @Test
    void decodesMutatedSocketPacketsWithoutAnyOtherFailure() {
        Random random = new Random(SEED);
        int decoded = 0;
        int rejected = 0;
        for (int n = 0; n < ITERATIONS; n++) {
            String text = mutate(SOCKET_CORPUS.get(random.nextInt(SOCKET_CORPUS.size())), random);
            SocketPacketDecoder decoder = new SocketPacketDecoder(random.nextInt(4) == 0 ? 1 : 10);
            try {
                SocketPacket packet = decoder.decode(text);
                int binaries = random.nextInt(4);
                for (int b = 0; b < binaries && packet == null; b++) {
                    packet = decoder.decode(new byte[random.nextInt(3)]);
                }
                if (random.nextBoolean()) {
                    decoder.decode(random.nextBoolean() ? "2[\"next\"]" : "");
                }
                decoded++;
            } catch (PacketParseException expected) {
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("decoding " + escape(text) + " threw " + e, e);
            }
        }
        assertTrue(decoded > ITERATIONS / 20, "too few mutations decoded: " + decoded);
        assertTrue(rejected > ITERATIONS / 20, "too few mutations rejected: " + rejected);
    }

    @Test
    void decodesMutatedEnginePayloadsWithoutAnyOtherFailure() {
        List<String> corpus = List.of(
                "4hello\u001ebAQIDBA==",
                "0{\"sid\":\"x\"}\u001e2probe\u001e3probe\u001e6",
                "42[\"foo\"]\u001e451-[\"a\"," + P0 + "]\u001ebAQ==",
                "b/wB/",
                "1");
        Random random = new Random(SEED + 1);
        for (int n = 0; n < ITERATIONS / 2; n++) {
            String payload = mutate(corpus.get(random.nextInt(corpus.size())), random);
            try {
                EngineCodec.decodePayload(payload);
                EngineCodec.decodeFrame(payload);
            } catch (PacketParseException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("decoding " + escape(payload) + " threw " + e, e);
            }
        }
    }

    @Test
    void parsesRandomJsonLikeTextWithoutAnyOtherFailure() {
        Random random = new Random(SEED + 2);
        String alphabet = "[]{}\",:0123456789-+.eEtrufalsn \\/u\t\n\r\u0000abcdefABCDEF";
        for (int n = 0; n < ITERATIONS / 2; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            try {
                Object value = JsonReader.parse(text);
                // Whatever is accepted must serialize, and parse back to a tree written the same.
                String json = JsonWriter.toJson(value);
                String again = JsonWriter.toJson(JsonReader.parse(json));
                if (!json.equals(again)) {
                    fail("round trip of " + escape(text) + " changed " + json + " into " + again);
                }
            } catch (PacketParseException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("parsing " + escape(text) + " threw " + e, e);
            }
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int pos = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (pos < sb.length()) {
                        sb.deleteCharAt(pos);
                    }
                }
                case 1 -> sb.insert(pos, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> {
                    if (pos < sb.length()) {
                        sb.setCharAt(pos, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
                case 3 -> sb.setLength(Math.min(sb.length(), pos)); // truncate
                case 4 -> {
                    // duplicate a slice, which nests brackets and repeats placeholders
                    int end = pos + random.nextInt(Math.max(1, sb.length() - pos + 1));
                    sb.insert(pos, sb.substring(pos, Math.min(end, sb.length())));
                }
                default -> {
                    int other = random.nextInt(sb.length() + 1);
                    String digits = Integer.toString(random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(12));
                    sb.insert(other, digits);
                }
            }
        }
        return sb.toString();
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
