package io.jakartio.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests of the permessage-deflate negotiation ({@link PerMessageDeflate#negotiate}, RFC 7692 section 7.1). */
class PerMessageDeflateNegotiationTest {

    /** The server's settings, as {@code EngineOptions.perMessageDeflate} holds them. */
    private record Settings(int threshold, boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
        Settings withThreshold(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("threshold must be 0 or more");
            }
            return new Settings(value, serverNoContextTakeover, clientNoContextTakeover);
        }

        Settings withServerNoContextTakeover(boolean value) {
            return new Settings(threshold, value, clientNoContextTakeover);
        }

        Settings withClientNoContextTakeover(boolean value) {
            return new Settings(threshold, serverNoContextTakeover, value);
        }
    }

    private static final Settings DEFAULTS = new Settings(1024, true, false);
    private static final Settings TAKEOVER = DEFAULTS.withServerNoContextTakeover(false);

    @Test
    void theOffersOfChromiumAndWsAreAnsweredWithServerNoContextTakeoverByDefault() {
        assertEquals("permessage-deflate; server_no_context_takeover", answer(DEFAULTS, "permessage-deflate; client_max_window_bits"));
    }

    @Test
    void withContextTakeoverConfiguredTheBareExtensionIsAnswered() {
        assertEquals("permessage-deflate", answer(TAKEOVER, "permessage-deflate; client_max_window_bits"));
        assertEquals("permessage-deflate", answer(TAKEOVER, "permessage-deflate"));
    }

    @Test
    void aClientAskingForServerNoContextTakeoverGetsIt() {
        assertEquals("permessage-deflate; server_no_context_takeover", answer(TAKEOVER, "permessage-deflate; server_no_context_takeover"));
    }

    @Test
    void clientNoContextTakeoverIsAnsweredWhenOfferedOrConfigured() {
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                answer(DEFAULTS, "permessage-deflate; client_no_context_takeover"));
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                answer(DEFAULTS.withClientNoContextTakeover(true), "permessage-deflate"));
        assertEquals(true, agree(DEFAULTS, "permessage-deflate; client_no_context_takeover").orElseThrow().clientNoContextTakeover());
    }

    @Test
    void serverMaxWindowBitsOf15IsAcceptedAndAnswered() {
        assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=15",
                answer(DEFAULTS, "permessage-deflate; server_max_window_bits=15"));
    }

    @Test
    void anOfferForASmallerServerWindowIsDeclinedForTheNextOne() {
        // the JDK's Deflater always compresses with a 32 KiB window
        assertEquals("permessage-deflate; server_no_context_takeover",
                answer(DEFAULTS, "permessage-deflate; server_max_window_bits=10, permessage-deflate"));
        assertEquals(Optional.empty(), agree(DEFAULTS, "permessage-deflate; server_max_window_bits=10"));
    }

    @Test
    void clientMaxWindowBitsWithOrWithoutValueIsAcceptedAndNotAnswered() {
        assertEquals("permessage-deflate; server_no_context_takeover", answer(DEFAULTS, "permessage-deflate; client_max_window_bits=9"));
        assertEquals("permessage-deflate; server_no_context_takeover", answer(DEFAULTS, "permessage-deflate; client_max_window_bits=\"12\""));
    }

    @Test
    void offersWithInvalidParametersAreDeclined() {
        for (String offer : List.of(
                "permessage-deflate; server_max_window_bits",
                "permessage-deflate; server_max_window_bits=16",
                "permessage-deflate; server_max_window_bits=015",
                "permessage-deflate; client_max_window_bits=7",
                "permessage-deflate; client_max_window_bits=abc",
                "permessage-deflate; server_no_context_takeover=1",
                "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
                "permessage-deflate; unknown_parameter",
                "permessage-deflate; client_max_window_bits=\"1 2\"")) {
            assertEquals(Optional.empty(), agree(DEFAULTS, offer), offer);
        }
    }

    @Test
    void theFirstAcceptableOfferAmongSeveralHeadersAndOtherExtensionsWins() {
        Optional<PerMessageDeflate> agreed = PerMessageDeflate.negotiate(List.of(
                "x-webkit-deflate-frame, permessage-deflate; foo=bar",
                "PerMessage-Deflate; Client_No_Context_Takeover, permessage-deflate"), 1024, true, false);

        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                agreed.orElseThrow().responseHeader());
    }

    @Test
    void nothingIsNegotiatedWhenTheClientOffersNothing() {
        assertEquals(Optional.empty(), PerMessageDeflate.negotiate(List.of(), 1024, true, false));
        assertEquals(Optional.empty(), agree(DEFAULTS, "x-webkit-deflate-frame"));
        assertEquals(Optional.empty(), agree(DEFAULTS, ""));
    }

    @Test
    void theThresholdDecidesWhichMessagesAreCompressed() {
        PerMessageDeflate agreed = agree(DEFAULTS, "permessage-deflate").orElseThrow();

        assertEquals(false, agreed.compresses(1023));
        assertEquals(true, agreed.compresses(1024));
        assertEquals(false, agree(DEFAULTS.withThreshold(0), "permessage-deflate").orElseThrow().compresses(0), "never an empty message");
    }

    @Test
    void aConnectionHasItsOwnDeflaterOnlyWithContextTakeover() {
        assertEquals(null, agree(DEFAULTS, "permessage-deflate").orElseThrow().newDeflater());
        try (MessageDeflater own = agree(TAKEOVER, "permessage-deflate").orElseThrow().newDeflater()) {
            assertEquals(MessageDeflater.class, own.getClass());
        }
    }

    private static String answer(Settings options, String header) {
        return agree(options, header).orElseThrow(() -> new AssertionError("declined: " + header)).responseHeader();
    }

    private static Optional<PerMessageDeflate> agree(Settings options, String header) {
        return PerMessageDeflate.negotiate(List.of(header), options.threshold(), options.serverNoContextTakeover(),
                options.clientNoContextTakeover());
    }
}
